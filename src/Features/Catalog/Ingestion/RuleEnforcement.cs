using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Yaml;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

/// <summary>
/// Applies <see cref="CatalogRules"/> to one location's read tree the way Backstage's processing does: a Location entity
/// that leads to an entity of a kind not allowed for the origin location fails as a whole (it is not stored, the error
/// names the refused entity) and nothing below it is ingested; its siblings and the rest of the tree are unaffected.
/// </summary>
public static class RuleEnforcement
{
    public static List<SourcedEntity> Apply(IReadOnlyList<SourcedEntity> entities, CatalogRules rules, string originType, string originTarget)
    {
        var children = entities.Where(e => e.ParentRef is not null).ToLookup(e => e.ParentRef!, StringComparer.OrdinalIgnoreCase);
        var kept = new HashSet<SourcedEntity>(ReferenceEqualityComparer.Instance);
        var replaced = new Dictionary<SourcedEntity, SourcedEntity>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<SourcedEntity>(entities.Where(e => e.ParentRef is null));
        while (queue.Count > 0)
        {
            var entity = queue.Dequeue();
            if (!kept.Add(entity))
            {
                continue;
            }
            if (!entity.IsValid || !string.Equals(entity.Ref!.Value.Kind, CatalogKinds.Location, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var below = children[entity.Ref.Value.ToString()].ToList();
            if (below.FirstOrDefault(c => c.Ref is { } r && !rules.IsAllowed(c.Entity, r.Kind, originType, originTarget)) is { } refused)
            {
                var message = $"Entity {refused.Ref} at {refused.Source}, originated at {originType}:{originTarget}, is not of an allowed kind for that location "
                    + "(Catalog:Rules; a configured location can allow more kinds with Catalog:Locations:{i}:Rules).";
                replaced[entity] = new SourcedEntity(entity.Source, entity.Line, entity.Ref, null, [new SourceProblem(message, entity.Line > 0 ? entity.Line : null, null, "kind")]);
                continue;
            }
            foreach (var child in below)
            {
                queue.Enqueue(child);
            }
        }
        return [.. entities.Where(kept.Contains).Select(e => replaced.GetValueOrDefault(e, e))];
    }
}
