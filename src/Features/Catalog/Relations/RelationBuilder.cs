using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Validation;

namespace Fawkes.Portal.Features.Catalog.Relations;

public sealed record EntityRelation(EntityRef Source, string Type, EntityRef Target);

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
        foreach (var field in RelationFields.For(self.Kind))
        {
            foreach (var (value, _) in EntityValidator.Values(spec[field.Path["spec.".Length..]], field))
            {
                if (value is null || !EntityRef.TryParse(value, field.DefaultKind, self.Namespace, out var target, out _))
                {
                    continue;
                }
                Add(new EntityRelation(self, field.RelationType, target));
                Add(new EntityRelation(target, RelationTypes.Inverse(field.RelationType), self));
            }
        }
        return relations;

        void Add(EntityRelation relation)
        {
            if (seen.Add((relation.Source.Key, relation.Type, relation.Target.Key)))
            {
                relations.Add(relation);
            }
        }
    }
}
