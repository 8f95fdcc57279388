using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Forms.Schema;

namespace Fawkes.Portal.Tests.Features.Templates;

public sealed class SchemaResolverTests
{
    private static string[] Fields(string schema, string values)
    {
        var resolved = SchemaResolver.Resolve(JsonNode.Parse(schema)!.AsObject(), JsonNode.Parse(values)!.AsObject());
        var required = Ui.Strings(resolved["required"]);
        return [.. (resolved["properties"] as JsonObject ?? []).Select(p => required.Contains(p.Key) ? p.Key + "*" : p.Key)];
    }

    private const string OneOfDependency = """
        { "properties": { "kind": { "type": "string", "enum": ["db", "queue"] } },
          "dependencies": { "kind": { "oneOf": [
            { "properties": { "kind": { "enum": ["db"] }, "engine": { "type": "string" } }, "required": ["engine"] },
            { "properties": { "kind": { "enum": ["queue"] }, "topic": { "type": "string" } } } ] } } }
        """;

    private const string IfThenElse = """
        { "properties": { "public": { "type": "boolean" } },
          "if": { "properties": { "public": { "const": true } }, "required": ["public"] },
          "then": { "properties": { "domain": { "type": "string" } }, "required": ["domain"] },
          "else": { "properties": { "vpn": { "type": "boolean" } } } }
        """;

    private const string SchemaDependency = """
        { "properties": { "ci": { "type": "boolean" }, "a": { "type": "string" } },
          "dependencies": { "ci": { "properties": { "jenkinsfile": { "type": "string" } } }, "a": ["ci"] } }
        """;

    public static TheoryData<string, string, string[]> Cases => new()
    {
        { OneOfDependency, "{}", ["kind"] },
        { OneOfDependency, """{"kind":"db"}""", ["kind", "engine*"] },
        { OneOfDependency, """{"kind":"queue"}""", ["kind", "topic"] },
        { IfThenElse, "{}", ["public", "vpn"] },
        { IfThenElse, """{"public":true}""", ["public", "domain*"] },
        { IfThenElse, """{"public":false}""", ["public", "vpn"] },
        { SchemaDependency, "{}", ["ci", "a"] },
        { SchemaDependency, """{"ci":true}""", ["ci", "a", "jenkinsfile"] },
        { SchemaDependency, """{"a":"x"}""", ["ci*", "a"] },
        { """{"allOf":[{"properties":{"x":{"type":"string"}}},{"required":["x"]}]}""", "{}", ["x*"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolve_ShowsTheFieldsTheValuesSelect(string schema, string values, string[] expected) =>
        Assert.Equal(expected, Fields(schema, values));

    [Theory]
    [InlineData("""[{"title":"One"},{"properties":{}}]""", "One|Step 2")]
    [InlineData("""{"title":"Only","properties":{}}""", "Only")]
    [InlineData("""null""", "")]
    public void ParameterSteps_AcceptAnObjectOrAnArray(string parameters, string titles) =>
        Assert.Equal(titles, string.Join('|', ParameterSteps.From(JsonNode.Parse(parameters)).Select(s => s.Title)));
}
