using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Forms.Schema;

namespace Fawkes.Portal.Tests.Features.Templates;

/// <summary>
/// The server-side parameter errors in npm jsonschema 1.5.0's shape, as Backstage's scaffolder answers them. Expected
/// bodies are written from jsonschema's wording (lib/attribute.js, lib/helpers.js); compat/scaffolder/param-errors.mjs
/// checks the same against the real package.
/// </summary>
public sealed class JsonSchemaErrorsTests
{
    /// <summary>JSON.stringify's escaping, so the expected text reads as Backstage's body does.</summary>
    private static readonly JsonSerializerOptions Js = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Errors(string schema, string values) =>
        new JsonArray([.. JsonSchemaErrors.Validate(JsonNode.Parse(schema)!.AsObject(), JsonNode.Parse(values)).Select(e => (JsonNode)e)]).ToJsonString(Js);

    private static string Stacks(string schema, string values) =>
        string.Join(" | ", JsonSchemaErrors.Validate(JsonNode.Parse(schema)!.AsObject(), JsonNode.Parse(values)).Select(e => e["stack"]!.GetValue<string>()));

    [Fact]
    public void A_missing_required_value_is_an_error_of_the_object_naming_the_property_with_the_whole_step_schema()
    {
        var schema = """{"title":"Basics","required":["name"],"properties":{"name":{"type":"string","ui:autofocus":true}}}""";

        Assert.Equal(
            """[{"path":[],"property":"instance","message":"requires property \"name\"","schema":""" + schema
            + ""","instance":{},"name":"required","argument":"name","stack":"instance requires property \"name\""}]""",
            Errors(schema, "{}"));
    }

    [Fact]
    public void A_leaf_error_carries_its_own_subschema_the_value_and_the_argument()
    {
        Assert.Equal(
            """[{"path":["name"],"property":"instance.name","message":"does not match pattern \"^[a-z]+$\"","schema":{"type":"string","pattern":"^[a-z]+$","ui:help":"h"},"instance":"A+","name":"pattern","argument":"^[a-z]+$","stack":"instance.name does not match pattern \"^[a-z]+$\""}]""",
            Errors("""{"properties":{"name":{"type":"string","pattern":"^[a-z]+$","ui:help":"h"}}}""", """{"name":"A+"}"""));
        Assert.Equal(
            """[{"path":["n"],"property":"instance.n","message":"is not of a type(s) integer,string","schema":{"type":["integer","string"]},"instance":null,"name":"type","argument":["integer","string"],"stack":"instance.n is not of a type(s) integer,string"}]""",
            Errors("""{"properties":{"n":{"type":["integer","string"]}}}""", """{"n":null}"""));
    }

    [Theory]
    [InlineData("""{"properties":{"s":{"minLength":3}}}""", """{"s":"ab"}""", "instance.s does not meet minimum length of 3")]
    [InlineData("""{"properties":{"s":{"maxLength":2}}}""", """{"s":"abc"}""", "instance.s does not meet maximum length of 2")]
    [InlineData("""{"properties":{"e":{"enum":["a",3,null,true]}}}""", """{"e":"z"}""", "instance.e is not one of enum values: a,3,null,true")]
    [InlineData("""{"properties":{"n":{"minimum":1,"maximum":9}}}""", """{"n":10}""", "instance.n must be less than or equal to 9")]
    [InlineData("""{"properties":{"n":{"exclusiveMinimum":0}}}""", """{"n":0}""", "instance.n must be strictly greater than 0")]
    [InlineData("""{"properties":{"n":{"minimum":2.0,"multipleOf":0.5}}}""", """{"n":1.25}""",
        "instance.n must be greater than or equal to 2 | instance.n is not a multiple of (divisible by) 0.5")]
    [InlineData("""{"properties":{"n":{"type":"integer"}}}""", """{"n":1.5}""", "instance.n is not of a type(s) integer")]
    [InlineData("""{"properties":{"c":{"const":true}}}""", """{"c":false}""", "instance.c does not exactly match expected constant: true")]
    [InlineData("""{"properties":{"t":{"minItems":2,"uniqueItems":true}}}""", """{"t":[1]}""", "instance.t does not meet minimum length of 2")]
    [InlineData("""{"properties":{"t":{"items":{"type":"string"}}}}""", """{"t":["a",2]}""", "instance.t[1] is not of a type(s) string")]
    [InlineData("""{"properties":{"my-field":{"type":"string"},"two words":{"type":"string"},"1st":{"type":"string"}}}""",
        """{"my-field":1,"two words":2,"1st":3}""",
        "instance.my-field is not of a type(s) string | instance[\"two words\"] is not of a type(s) string | instance[\"1st\"] is not of a type(s) string")]
    [InlineData("""{"properties":{"a":{"minLength":2}},"required":["b","c"]}""", """{"a":"x"}""",
        "instance.a does not meet minimum length of 2 | instance requires property \"b\" | instance requires property \"c\"")]
    [InlineData("""{"required":["r"],"properties":{"r":{"type":"object","required":["o"],"properties":{"n":{"pattern":"^x"}}}}}""", """{"r":{"n":"y"}}""",
        "instance.r requires property \"o\" | instance.r.n does not match pattern \"^x\"")]
    [InlineData("""{"properties":{"a":{}},"additionalProperties":false}""", """{"a":1,"b":2}""", "instance is not allowed to have the additional property \"b\"")]
    [InlineData("""{"dependencies":{"a":["b"]}}""", """{"a":1}""", "instance property b not found, required by instance.a")]
    [InlineData("""{"if":{"properties":{"k":{"const":"web"}}},"then":{"required":["port"]}}""", """{"k":"web"}""", "instance requires property \"port\"")]
    [InlineData("""{"properties":{"s":{"oneOf":[{"type":"string","title":"Named"},{"type":"integer"}]}}}""", """{"s":1.5}""",
        "instance.s is not exactly one from \"Named\",[subschema 1]")]
    [InlineData("""{"properties":{"s":{"anyOf":[{"type":"string"},{"type":"integer"}]}}}""", """{"s":true}""", "instance.s is not any of [subschema 0],[subschema 1]")]
    [InlineData("""{"properties":{"m":{"format":"email"}}}""", """{"m":"nope"}""", "instance.m does not conform to the \"email\" format")]
    [InlineData("""{"properties":{"absent":{"type":"string","minLength":3}}}""", """{}""", "")]
    public void Each_rule_is_worded_and_ordered_as_jsonschema_does(string schema, string values, string stacks) =>
        Assert.Equal(stacks, Stacks(schema, values));

    [Fact]
    public void Only_the_first_failing_visible_step_answers()
    {
        var steps = JsonNode.Parse("""
            [ { "title": "Hidden", "when": false, "required": ["a"] },
              { "title": "Kind", "properties": { "kind": { "type": "string" } } },
              { "title": "Db", "when": "parameters.kind === 'db'", "required": ["engine"] },
              { "title": "Later", "required": ["later"] } ]
            """);

        var db = ParameterStepErrors.FirstFailingStep(steps, new JsonObject { ["kind"] = "db" });
        var web = ParameterStepErrors.FirstFailingStep(steps, new JsonObject { ["kind"] = "web" });

        Assert.Equal(["instance requires property \"engine\""], db.Select(e => e["stack"]!.GetValue<string>()));
        Assert.Equal(["instance requires property \"later\""], web.Select(e => e["stack"]!.GetValue<string>()));
        Assert.Empty(ParameterStepErrors.FirstFailingStep(JsonNode.Parse("""{"required":["a"]}"""), new JsonObject { ["a"] = 1 }));
    }

    [Fact]
    public void A_secret_sent_apart_from_the_values_counts_as_present()
    {
        var step = JsonNode.Parse("""{"required":["token"],"properties":{"token":{"type":"string","ui:field":"Secret"}}}""");

        Assert.Single(ParameterStepErrors.FirstFailingStep(step, []));
        Assert.Empty(ParameterStepErrors.FirstFailingStep(step, [], new Dictionary<string, string> { ["token"] = "s3cret" }));
    }
}
