using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.DryRun;

/// <summary>The dry-run body's shape, checked as Backstage's OpenAPI layer checks it, with its ajv-style messages
/// (<c>request/body must have required property 'template'</c>).</summary>
internal static class RequestShape
{
    public static string? FirstProblem(JsonObject body)
    {
        foreach (var required in new[] { "template", "values", "directoryContents" })
        {
            if (!body.ContainsKey(required))
            {
                return $"request/body must have required property '{required}'";
            }
        }
        if (body["template"] is not JsonObject)
        {
            return "request/body/template must be object";
        }
        if (body["values"] is not JsonObject)
        {
            return "request/body/values must be object";
        }
        if (body["secrets"] is { } secrets)
        {
            if (secrets is not JsonObject secretObject)
            {
                return "request/body/secrets must be object";
            }
            foreach (var (key, value) in secretObject)
            {
                if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                {
                    return $"request/body/secrets/{key} must be string";
                }
            }
        }
        if (body["directoryContents"] is not JsonArray contents)
        {
            return "request/body/directoryContents must be array";
        }
        for (var i = 0; i < contents.Count; i++)
        {
            if (contents[i] is not JsonObject file)
            {
                return $"request/body/directoryContents/{i} must be object";
            }
            foreach (var key in new[] { "path", "base64Content" })
            {
                if (!file.ContainsKey(key))
                {
                    return $"request/body/directoryContents/{i} must have required property '{key}'";
                }
                if (file[key] is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                {
                    return $"request/body/directoryContents/{i}/{key} must be string";
                }
            }
        }
        return null;
    }
}
