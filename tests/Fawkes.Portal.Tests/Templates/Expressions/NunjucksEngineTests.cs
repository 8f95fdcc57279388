using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Expressions;

namespace Fawkes.Portal.Tests.Templates.Expressions;

/// <summary>What the differential table cannot show: error locations, options, extension points and concurrency.</summary>
public class NunjucksEngineTests
{
    private static readonly NunjucksEngine Engine = new(NunjucksSyntax.Backstage);

    private static JsonObject Values(string json) => new() { ["values"] = JsonNode.Parse(json) };

    [Fact]
    public void Skeleton_using_a_value_the_step_does_not_pass_fails_naming_file_line_and_value()
    {
        // The defect of Fawkes' upstream python-service: the skeleton reads values.repoUrl, fetch:template never passes it.
        const string skeleton = "metadata:\n  name: ${{ values.name }}\n  annotations:\n"
            + "    github.com/project-slug: ${{ (values.repoUrl | parseRepoUrl).owner }}/x\n";
        var error = Assert.Throws<TemplateRenderException>(() =>
            Engine.Render(skeleton, Values("""{"name":"svc","owner":"team-a"}"""), "skeleton/catalog-info.yaml"));
        Assert.Equal("skeleton/catalog-info.yaml", error.SourceName);
        Assert.Equal(4, error.Line);
        Assert.Contains("values.repoUrl is undefined", error.Message);
        Assert.Contains("No matching integration configuration for host undefined", error.Message);
        Assert.StartsWith("skeleton/catalog-info.yaml line 4, column ", error.Message);
    }

    [Theory]
    [InlineData("trim")]
    [InlineData("first")]
    [InlineData("last")]
    [InlineData("join(',')")]
    [InlineData("string")]
    [InlineData("list")]
    public void Filters_nunjitsu_refuses_on_undefined_fail_naming_the_undefined_value(string filter)
    {
        var error = Assert.Throws<TemplateRenderException>(() =>
            Engine.Render("ok\nimage: ${{ values.imageTag | " + filter + " }}", Values("{}"), "k8s/deployment.yaml"));
        Assert.Equal(("k8s/deployment.yaml", 2), (error.SourceName, error.Line));
        Assert.Contains("values.imageTag is undefined", error.Message);
    }

    [Fact]
    public void Undefined_output_is_empty_as_in_Backstage_but_an_error_under_StrictUndefined()
    {
        const string template = "a: ok\nb: ${{ values.imageTag }}\n";
        Assert.Equal("a: ok\nb: \n", Engine.Render(template, Values("{}"), "k8s/deployment.yaml"));
        var error = Assert.Throws<TemplateRenderException>(() =>
            Engine.Render(template, Values("{}"), "k8s/deployment.yaml", new RenderOptions { StrictUndefined = true }));
        Assert.Equal((2, 4), (error.Line, error.Column));
        Assert.Contains("values.imageTag is undefined", error.Detail);
    }

    [Theory]
    [InlineData("line1\n${{ values.x | nope }}", 2, 16, "filter not found: nope")]
    [InlineData("{% if true %}\nunclosed", 1, 1, "expected elif, else, or endif")]
    [InlineData("x\n  {% macro m() %}{% endmacro %}", 2, 6, "'macro' tag is not supported")]
    [InlineData("${{ values.name + }}", 1, 19, "unexpected token")]
    [InlineData("a #} b", 1, 3, "unexpected end of comment")]
    public void Syntax_errors_name_source_line_and_column(string template, int line, int column, string detail)
    {
        var error = Assert.Throws<TemplateSyntaxException>(() => Engine.Render(template, Values("{}"), "template.yaml"));
        Assert.Equal(("template.yaml", line, column), (error.SourceName, error.Line, error.Column));
        Assert.Contains(detail, error.Detail);
    }

    [Fact]
    public void Validate_reports_syntax_errors_without_a_context()
    {
        Engine.Validate("${{ values.name | upper }}", "ok.yaml");
        Assert.Throws<TemplateSyntaxException>(() => Engine.Validate("{% for x in y %}", "bad.yaml"));
    }

    [Fact]
    public void Additional_filters_and_globals_are_used_through_JSON_like_Backstage()
    {
        var options = new RenderOptions
        {
            Filters = new Dictionary<string, Func<JsonNode?, JsonNode?[], JsonNode?>>
            {
                ["shout"] = (input, args) => JsonValue.Create((string)input! + new string('!', (int)args[0]!)),
            },
            Globals = new JsonObject { ["org"] = "acme" },
        };
        Assert.Equal("HI!!! acme", Engine.Render("${{ 'HI' | shout(3) }} ${{ org }}", new JsonObject(), "t", options));
    }

    [Fact]
    public void Cookiecutter_syntax_renders_double_braces_and_keeps_the_scaffolder_filters()
    {
        var engine = new NunjucksEngine(NunjucksSyntax.Cookiecutter);
        var context = new JsonObject { ["cookiecutter"] = new JsonObject { ["name"] = "svc", ["repoUrl"] = "github.com?owner=o&repo=r" } };
        // As in nunjitsu: "${{ x }}" is "$" followed by the variable x.
        Assert.Equal("svc $", engine.Render("{{ cookiecutter.name }} ${{ x }}", context, "t"));
        // fetch:template hands nunjitsu the default filters in cookiecutter mode too.
        Assert.Equal("o/r", engine.Render("{{ cookiecutter.repoUrl | projectSlug }}", context, "t"));
        var e = Assert.Throws<TemplateRenderException>(() => engine.Render("{{ cookiecutter.name | parseRepoUrl }}", context, "t"));
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void One_engine_renders_concurrently_without_interference()
    {
        var results = Enumerable.Range(0, 200).AsParallel().WithDegreeOfParallelism(8).Select(i =>
            Engine.Render("{% set n = values.n %}{% for k in range(3) %}${{ n * 10 + k }},{% endfor %}", Values($$"""{"n":{{i}}}"""), "t"))
            .ToList();
        Assert.All(results.Select((r, i) => (r, i)), x => Assert.Equal($"{x.i * 10},{x.i * 10 + 1},{x.i * 10 + 2},", x.r));
    }

    [Theory]
    [InlineData("${{ 10 ** 21 }}", "1e+21")]
    [InlineData("${{ 123456789012345680000 }}", "123456789012345680000")]
    [InlineData("${{ 0.000001 }}", "0.000001")]
    [InlineData("${{ 1 / 3 }}", "0.3333333333333333")]
    [InlineData("${{ 0.1 * 3 }}", "0.30000000000000004")]
    [InlineData("${{ 2 ** 53 + 1 }}", "9007199254740992")]
    public void Numbers_print_as_JavaScript_prints_them(string template, string expected) =>
        Assert.Equal(expected, Engine.Render(template, new JsonObject(), "t"));

    [Theory]
    [InlineData("${{ 1e21 }}")]
    [InlineData("${{ 0x10 }}")]
    [InlineData("${{ 1_000 }}")]
    public void Number_literals_are_decimal_only_as_in_nunjitsu(string template)
    {
        var e = Assert.Throws<TemplateSyntaxException>(() => Engine.Render(template, new JsonObject(), "t"));
        Assert.Equal((1, 5), (e.Line, e.Column));
    }
}
