using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Validation;

namespace Fawkes.Portal.Features.Catalog.Relations;

/// <param name="SourceKey">Source.Key, computed once: keys are compared and stored for every relation of a bulk write.</param>
public sealed record EntityRelation(EntityRef Source, string Type, EntityRef Target, string SourceKey, string TargetKey)
{
    public EntityRelation(EntityRef source, string type, EntityRef target)
        : this(source, type, target, source.Key, target.Key)
    {
    }
}

/// <summary>Computes an entity's relations in both directions from its spec. Pure: no I/O.</summary>
public static class RelationBuilder
{
    public static EntityRef RefOf(JsonObject entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var metadata = (JsonObject)entity["metadata"]!;
        return new EntityRef(
            entity["kind"]!.GetValue<string>(),
            metadata["namespace"]?.GetValue<string>() ?? EntityRef.DefaultNamespace,
            metadata["name"]!.GetValue<string>());
    }

    /// <returns>Every relation this entity's spec states, plus the inverse of each, de-duplicated.</returns>
    public static IReadOnlyList<EntityRelation> Build(JsonObject entity)
    {
        var self = RefOf(entity);
        if (entity["spec"] is not JsonObject spec)
        {
            return [];
        }
        var relations = new List<EntityRelation>();
        var seen = new HashSet<(string, string, string)>();
        var selfKey = self.Key;
        foreach (var field in RelationFields.For(self.Kind))
        {
            foreach (var (value, _) in EntityValidator.Values(spec[field.Path["spec.".Length..]], field))
            {
                if (value is null || !EntityRef.TryParse(value, field.DefaultKind, self.Namespace, out var target, out _))
                {
                    continue;
                }
                var targetKey = target.Key;
                Add(new EntityRelation(self, field.RelationType, target, selfKey, targetKey));
                Add(new EntityRelation(target, RelationTypes.Inverse(field.RelationType), self, targetKey, selfKey));
            }
        }
        return relations;

        void Add(EntityRelation relation)
        {
            if (seen.Add((relation.SourceKey, relation.Type, relation.TargetKey)))
            {
                relations.Add(relation);
            }
        }
    }
}
