using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Catalog.Api;

/// <summary>
/// Reads a catalog API request body the way Backstage's OpenAPI validator does, with its messages
/// (<c>request/body must have required property 'entityRefs'</c>, <c>request/body/entityRefs/0 must be string</c>),
/// so a malformed body is a 400 <c>InputError</c> saying what and where, never a 500.
/// </summary>
internal static class CatalogRequestBody
{
    /// <summary>The body as an object; an absent body is an empty object (Backstage validates it as <c>{}</c>).</summary>
    public static async Task<(JsonObject? Body, IResult? Error)> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return (new JsonObject(), null);
        }
        if (!request.HasJsonContentType())
        {
            return (null, CatalogProblems.Input($"unsupported media type {request.ContentType ?? "(none)"}"));
        }
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            // Backstage repeats Node's JSON.parse message here; ours is .NET's, which names line and position.
            return (null, CatalogProblems.Input($"Request body is not valid JSON: {ex.Message}"));
        }
        return node is JsonObject body ? (body, null) : (null, CatalogProblems.Input("request/body must be object"));
    }

    /// <summary>Null when <paramref name="name"/> is present (if required) and of the JSON type asked, else the message.</summary>
    public static string? Check(JsonObject body, string name, JsonValueKind kind, bool required = true)
    {
        if (!body.TryGetPropertyValue(name, out var value) || value is null && !required)
        {
            return required ? $"request/body must have required property '{name}'" : null;
        }
        return value?.GetValueKind() == kind ? null : $"request/body/{name} must be {TypeName(kind)}";
    }

    /// <summary>Like <see cref="Check"/> for an array of strings; <paramref name="values"/> is empty when absent.</summary>
    public static string? CheckStrings(JsonObject body, string name, bool required, out List<string> values)
    {
        values = [];
        if (Check(body, name, JsonValueKind.Array, required) is { } problem)
        {
            return problem;
        }
        var index = 0;
        foreach (var item in body[name]?.AsArray() ?? [])
        {
            if (item?.GetValueKind() != JsonValueKind.String)
            {
                return $"request/body/{name}/{index} must be string";
            }
            values.Add(item.GetValue<string>());
            index++;
        }
        return null;
    }

    /// <summary>Backstage's OpenAPI validator refuses query parameters its spec does not list for the route.</summary>
    public static string? UnknownQueryParameter(HttpRequest request, params string[] allowed) =>
        request.Query.Keys.FirstOrDefault(k => !allowed.Contains(k, StringComparer.Ordinal)) is { } unknown
            ? $"Unknown query parameter '{unknown}'"
            : null;

    private static string TypeName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "string",
    };
}
