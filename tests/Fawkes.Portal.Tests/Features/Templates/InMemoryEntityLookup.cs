using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Templates;

namespace Fawkes.Portal.Tests.Features.Templates;

/// <summary>
/// A catalog held in memory for component tests, answering Backstage filters by dotted key (kind, spec.type, metadata.name)
/// as the catalog does; the catalog's own query engine is covered by its integration tests.
/// </summary>
public sealed class InMemoryEntityLookup(params string[] entities) : IEntityLookup
{
    private readonly List<JsonObject> _entities = [.. entities.Select(e => JsonNode.Parse(e)!.AsObject())];

    public static string Entity(string kind, string name, string? type = null) => new JsonObject
    {
        ["apiVersion"] = "backstage.io/v1alpha1",
        ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = type is null ? new JsonObject() : new JsonObject { ["type"] = type },
    }.ToJsonString();

    public Task<IReadOnlyList<JsonObject>> FindAsync(EntityFilter filter, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<JsonObject>>([.. _entities.Where(e => filter.IsEmpty || filter.Groups.Any(g => g.All(c => Holds(e, c))))]);

    public Task<JsonObject?> ByRefAsync(EntityRef entityRef, CancellationToken ct = default) =>
        Task.FromResult(_entities.FirstOrDefault(e => Fawkes.Portal.Features.Catalog.Relations.RelationBuilder.RefOf(e).Equals(entityRef)));

    private static bool Holds(JsonObject entity, FilterCondition condition)
    {
        JsonNode? node = entity;
        foreach (var part in condition.Key.Split('.'))
        {
            node = (node as JsonObject)?.FirstOrDefault(p => string.Equals(p.Key, part, StringComparison.OrdinalIgnoreCase)).Value;
        }
        var values = node is JsonArray a ? a.Select(v => v?.ToString().ToLowerInvariant()) : [node?.ToString().ToLowerInvariant()];
        return node is not null && (condition.Values.Count == 0 || values.Any(v => condition.Values.Contains(v ?? "")));
    }
}
