using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Expressions;

namespace Fawkes.Portal.Tests.Templates.Expressions;

/// <summary>Step input rendering; the differential table covers the values, these the JSON shapes.</summary>
public class BackstageInputRendererTests
{
    private static readonly JsonObject Context = JsonNode.Parse("""
        {"parameters":{"name":"svc","port":8080,"tags":["a"],"empty":""},"steps":{"publish":{"output":{"remoteUrl":"https://g/x"}}}}
        """)!.AsObject();

    [Fact]
    public void Whole_expressions_keep_their_type_and_undefined_properties_disappear()
    {
        var input = JsonNode.Parse("""
            {"port":"${{ parameters.port }}","tags":"${{ parameters.tags }}","url":"${{ steps.publish.output.remoteUrl }}",
             "missing":"${{ parameters.nope }}","empty":"","text":"name: ${{ parameters.name }}","n":3,"flag":true}
            """);
        var result = BackstageInputRenderer.Render(input, Context, "template.yaml#steps[0].input");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"port":8080,"tags":["a"],"url":"https://g/x","text":"name: svc","n":3,"flag":true}
            """), result), result?.ToJsonString());
    }

    [Fact]
    public void A_failing_expression_leaves_the_original_string_as_Backstage_does()
    {
        var result = BackstageInputRenderer.Render(JsonValue.Create("${{ parameters.nope | parseRepoUrl }}"), Context, "t");
        Assert.Equal("${{ parameters.nope | parseRepoUrl }}", (string?)result);
    }

    [Fact]
    public void A_block_with_an_interpolation_in_each_branch_keeps_the_type_as_nunjitsus_json_coercion_does()
    {
        var input = JsonNode.Parse("""
            {"typed":"{% if parameters.port > 80 %}${{ parameters.port }}{% else %}${{ parameters.tags }}{% endif %}",
             "text":"{% if parameters.name %}plain {% endif %}", "spaced":"${{ parameters.port }} ", "hidden":"{% if false %}x{% endif %}"}
            """);
        var result = BackstageInputRenderer.Render(input, Context, "t");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"typed":8080,"text":"plain ","spaced":"8080 "}"""), result), result?.ToJsonString());
    }

    [Fact]
    public void The_input_itself_is_not_modified()
    {
        var input = new JsonObject { ["a"] = "${{ parameters.port }}" };
        BackstageInputRenderer.Render(input, Context, "t");
        Assert.Equal("${{ parameters.port }}", (string?)input["a"]);
    }

    [Theory]
    [InlineData("[]", false)]
    [InlineData("[0]", true)]
    [InlineData("{}", true)]
    [InlineData("\"\"", false)]
    [InlineData("0", false)]
    [InlineData("\"false\"", true)]
    [InlineData("null", false)]
    public void IsTruthy_follows_Backstage_for_rendered_if(string json, bool expected) =>
        Assert.Equal(expected, BackstageInputRenderer.IsTruthy(JsonNode.Parse(json)));
}
