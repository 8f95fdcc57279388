using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Validation;
using Fawkes.Portal.Features.Catalog.Yaml;

namespace Fawkes.Portal.Features.Catalog.Entity.Tabs;

public sealed record ApiOperation(string Method, string Path, string? Summary, string? OperationId, IReadOnlyList<string> Parameters, IReadOnlyList<string> Responses, bool HasBody);

public sealed record ApiChannel(string Name, string Direction, string? Summary, string? Message);

/// <summary>A readable summary of an API definition: OpenAPI operations grouped by tag, AsyncAPI channels.</summary>
public sealed record ApiDefinitionSummary(string? Title, string? Version, string? Error,
    IReadOnlyList<(string Tag, IReadOnlyList<ApiOperation> Operations)> OperationGroups, IReadOnlyList<ApiChannel> Channels)
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete", "head", "options"];

    public static ApiDefinitionSummary Parse(string? type, string definition)
    {
        var read = CatalogYamlReader.Read(definition);
        if (read.Error is { } error || read.Documents.Count == 0 || read.Documents[0].Root is not JsonObject root)
        {
            return new(null, null, read.Error?.Describe("definition") ?? "The definition is empty or not a mapping.", [], []);
        }
        var title = EntityValidator.AsString(root["info"]?["title"]);
        var version = EntityValidator.AsString(root["info"]?["version"]);
        return string.Equals(type, "asyncapi", StringComparison.OrdinalIgnoreCase)
            ? new(title, version, null, [], ReadChannels(root))
            : new(title, version, null, ReadOperations(root), []);
    }

    private static List<(string, IReadOnlyList<ApiOperation>)> ReadOperations(JsonObject root)
    {
        var operations = new List<(string Tag, ApiOperation Op)>();
        foreach (var (path, node) in root["paths"] as JsonObject ?? [])
        {
            if (node is not JsonObject item)
            {
                continue;
            }
            var shared = Names(item["parameters"]);
            foreach (var method in Methods)
            {
                if (item[method] is not JsonObject op)
                {
                    continue;
                }
                var tag = EntityValidator.AsString((op["tags"] as JsonArray)?.FirstOrDefault()) ?? "Operations";
                var responses = (op["responses"] as JsonObject ?? []).Select(r => r.Key).ToList();
                operations.Add((tag, new ApiOperation(method.ToUpperInvariant(), path,
                    EntityValidator.AsString(op["summary"]) ?? EntityValidator.AsString(op["description"]),
                    EntityValidator.AsString(op["operationId"]), [.. shared, .. Names(op["parameters"])], responses, op["requestBody"] is not null)));
            }
        }
        return [.. operations.GroupBy(o => o.Tag).Select(g => (g.Key, (IReadOnlyList<ApiOperation>)[.. g.Select(o => o.Op)]))];
    }

    private static List<string> Names(JsonNode? parameters) =>
        [.. (parameters as JsonArray ?? []).OfType<JsonObject>()
            .Select(p => EntityValidator.AsString(p["name"]) is { } n ? $"{n} ({EntityValidator.AsString(p["in"]) ?? "?"})" : EntityValidator.AsString(p["$ref"]) ?? "?")];

    private static List<ApiChannel> ReadChannels(JsonObject root)
    {
        var channels = new List<ApiChannel>();
        foreach (var (name, node) in root["channels"] as JsonObject ?? [])
        {
            foreach (var direction in new[] { "publish", "subscribe" })
            {
                if (node?[direction] is JsonObject op)
                {
                    var message = EntityValidator.AsString(op["message"]?["name"]) ?? EntityValidator.AsString(op["message"]?["$ref"])?.Split('/')[^1];
                    channels.Add(new ApiChannel(name, direction, EntityValidator.AsString(op["summary"]), message));
                }
            }
        }
        return channels;
    }
}
