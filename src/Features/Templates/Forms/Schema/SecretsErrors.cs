using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Forms.Schema;

/// <summary>
/// Backstage's <c>validateSecrets</c> (scaffolder router): when a template has <c>spec.secrets.schema</c>, the request's
/// secrets are validated against it after the parameters, and a failure answers <c>400 {"errors": [...]}</c> with npm
/// jsonschema's error objects reworded by <c>formatSecretsValidationErrors</c>: <c>property</c> starts with
/// <c>secrets</c> instead of <c>instance</c>, a missing secret says <c>secrets.NAME is required</c>, any other error
/// <c>PROPERTY MESSAGE</c>, and <c>instance</c> is <c>{}</c> so no secret value is ever echoed back.
/// </summary>
public static class SecretsErrors
{
    public static IReadOnlyList<JsonObject> Validate(JsonNode? templateSpec, IReadOnlyDictionary<string, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (templateSpec?["secrets"]?["schema"] is not JsonObject schema)
        {
            return [];
        }
        var instance = new JsonObject();
        foreach (var (name, value) in secrets)
        {
            instance[name] = value;
        }
        return [.. JsonSchemaErrors.Validate(schema, instance).Select(Reword)];
    }

    private static JsonObject Reword(JsonObject error)
    {
        var property = error["property"]?.GetValue<string>() ?? "instance";
        property = property.StartsWith("instance", StringComparison.Ordinal) ? "secrets" + property["instance".Length..] : property;
        var message = error["name"]?.GetValue<string>() == "required"
            ? $"secrets.{error["argument"]?.ToString()} is required"
            : $"{property} {error["message"]?.GetValue<string>()}";
        // Rebuilt key by key: `{...err, property, message, instance: {}}` keeps each key where jsonschema put it.
        var reworded = new JsonObject();
        foreach (var (key, value) in error)
        {
            reworded[key] = key switch
            {
                "property" => property,
                "message" => message,
                "instance" => new JsonObject(),
                _ => value?.DeepClone(),
            };
        }
        return reworded;
    }
}
