using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Ingestion;

namespace Fawkes.Portal.Features.Catalog.Api;

/// <summary>
/// The body of <c>POST /locations/by-query</c> (catalog-client's <c>queryLocations</c>): <c>limit</c>, <c>cursor</c> and a
/// <c>query</c> of field predicates on <c>id</c>, <c>type</c>, <c>target</c>: a value, or <c>{"$in": [values]}</c>.
/// </summary>
internal sealed record LocationQuery(int Limit, string? AfterId, JsonObject? Query)
{
    private const int DefaultLimit = 1000;
    private static readonly string[] Fields = ["id", "type", "target"];

    public static bool TryParse(JsonObject body, out LocationQuery query, out string? problem)
    {
        query = new LocationQuery(DefaultLimit, null, null);
        if (body["cursor"] is { } cursorNode)
        {
            return TryCursor(cursorNode.GetValueKind() == JsonValueKind.String ? cursorNode.GetValue<string>() : "", out query, out problem);
        }
        var limit = DefaultLimit;
        if (body["limit"] is { } limitNode && (limitNode.GetValueKind() != JsonValueKind.Number || !limitNode.AsValue().TryGetValue(out limit) || limit < 1))
        {
            problem = "Limit must be a positive integer >= 1";
            return false;
        }
        var filter = body["query"] as JsonObject;
        if (body["query"] is not null && (filter is null || filter.Any(p => !Fields.Contains(p.Key) || Values(p.Value) is null)))
        {
            problem = "Invalid query: use {\"<id|type|target>\": \"value\" | {\"$in\": [\"value\", ...]}}";
            return false;
        }
        query = new LocationQuery(limit, null, (JsonObject?)filter?.DeepClone());
        problem = null;
        return true;
    }

    public bool Matches(LocationView l) => Query is null || Query.All(p =>
        Values(p.Value)!.Contains(p.Key switch { "id" => l.Id.ToString(), "type" => l.Type, _ => l.Target }, StringComparer.Ordinal));

    public string NextCursor(string afterId) => Convert.ToBase64String(Encoding.UTF8.GetBytes(
        new JsonObject { ["limit"] = Limit, ["afterId"] = afterId, ["query"] = Query?.DeepClone() }.ToJsonString()));

    private static bool TryCursor(string cursor, out LocationQuery query, out string? problem)
    {
        query = new LocationQuery(DefaultLimit, null, null);
        if (cursor.Length == 0)
        {
            problem = "Cursor cannot be empty";
            return false;
        }
        try
        {
            var data = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor))) as JsonObject;
            var body = new JsonObject { ["limit"] = data?["limit"]?.DeepClone(), ["query"] = data?["query"]?.DeepClone() };
            if (data is null || !TryParse(body, out var parsed, out problem))
            {
                problem = "Malformed cursor";
                return false;
            }
            query = parsed with { AfterId = data["afterId"]?.GetValue<string>() };
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            problem = "Malformed cursor, unknown encoding";
            return false;
        }
    }

    private static string[]? Values(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        JsonObject { Count: 1 } o when o["$in"] is JsonArray values && values.All(x => x?.GetValueKind() == JsonValueKind.String) =>
            [.. values.Select(x => x!.GetValue<string>())],
        _ => null,
    };
}
