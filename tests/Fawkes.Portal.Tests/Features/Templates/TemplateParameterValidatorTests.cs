using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Forms.Schema;

namespace Fawkes.Portal.Tests.Features.Templates;

public sealed class TemplateParameterValidatorTests
{
    private const string Steps = """
        [
          { "title": "Service", "required": ["name", "owner"],
            "properties": {
              "name": { "type": "string", "pattern": "^[a-z][a-z0-9-]*$", "minLength": 3, "maxLength": 10, "ui:autofocus": true },
              "owner": { "type": "string", "ui:field": "OwnerPicker" },
              "replicas": { "type": "integer", "minimum": 1, "maximum": 5 },
              "language": { "type": "string", "enum": ["python", "java"], "enumNames": ["Python", "Java"] },
              "tags": { "type": "array", "items": { "type": "string", "enum": ["a", "b"] }, "uniqueItems": true },
              "db": { "type": "object", "required": ["engine"], "properties": { "engine": { "type": "string" } } }
            } },
          { "title": "Deploy", "properties": {
              "deploy": { "type": "boolean" },
              "token": { "type": "string", "ui:field": "Secret" }
            },
            "dependencies": { "deploy": { "oneOf": [
              { "properties": { "deploy": { "const": true }, "cluster": { "type": "string" } }, "required": ["cluster"] },
              { "properties": { "deploy": { "const": false } } } ] } },
            "if": { "properties": { "deploy": { "const": true } }, "required": ["deploy"] },
            "then": { "required": ["token"] } }
        ]
        """;

    public static TheoryData<string, string[]> Cases => new()
    {
        // values → expected "path: message" errors (sorted)
        { """{"name":"svc","owner":"group:default/a"}""", [] },
        { """{}""", ["/name: is required", "/owner: is required"] },
        { """{"name":"Svc","owner":"x"}""", ["/name: must match pattern \"^[a-z][a-z0-9-]*$\""] },
        { """{"name":"ab","owner":"x"}""", ["/name: must NOT have fewer than 3 characters"] },
        { """{"name":"abcdefghijk","owner":"x"}""", ["/name: must NOT have more than 10 characters"] },
        { """{"name":"svc","owner":"x","replicas":0}""", ["/replicas: must be >= 1"] },
        { """{"name":"svc","owner":"x","replicas":9}""", ["/replicas: must be <= 5"] },
        { """{"name":"svc","owner":"x","replicas":1.5}""", ["/replicas: must be integer"] },
        { """{"name":"svc","owner":"x","language":"go"}""", ["/language: must be equal to one of the allowed values"] },
        { """{"name":"svc","owner":"x","tags":["a","a"]}""", ["/tags: must NOT have duplicate items"] },
        { """{"name":"svc","owner":"x","tags":["c"]}""", ["/tags/0: must be equal to one of the allowed values"] },
        { """{"name":"svc","owner":"x","db":{}}""", ["/db/engine: is required"] },
        { """{"name":"svc","owner":"x","deploy":false}""", [] },
        { """{"name":"svc","owner":"x","deploy":true,"cluster":"c1"}""", ["/token: is required"] },
        { """{"name":"svc","owner":"x","deploy":true}""", ["/cluster: is required", "/token: is required"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_ReportsAjvStyleErrorsByField(string values, string[] expected)
    {
        var errors = TemplateParameterValidator.Validate(JsonNode.Parse(Steps)!, JsonNode.Parse(values)!.AsObject());

        Assert.Equal(expected.Order(StringComparer.Ordinal), errors.Select(e => $"{e.Path}: {e.Message}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_SecretGivenSeparately_SatisfiesRequiredWithoutEnteringTheValues()
    {
        var values = JsonNode.Parse("""{"name":"svc","owner":"x","deploy":true,"cluster":"c1"}""")!.AsObject();

        var errors = TemplateParameterValidator.Validate(JsonNode.Parse(Steps)!, values, new Dictionary<string, string> { ["token"] = "s3cr3t" });

        Assert.Empty(errors);
        Assert.Null(values["token"]);
    }

    [Fact]
    public void Validate_SingleSchemaObject_IsOneStep()
    {
        var schema = JsonNode.Parse("""{"required":["a"],"properties":{"a":{"type":"string"}}}""")!;

        var errors = TemplateParameterValidator.Validate(schema, []);

        Assert.Equal([new ParameterError("/a", "is required")], errors);
    }
}
