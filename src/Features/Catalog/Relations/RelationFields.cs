using Fawkes.Portal.Features.Catalog.Model;

namespace Fawkes.Portal.Features.Catalog.Relations;

/// <summary>A spec field holding entity references: its default kind and the relation it creates (from this entity).</summary>
public sealed record RelationField(string Path, bool IsArray, string? DefaultKind, string RelationType);

/// <summary>Backstage's reference fields per kind, with its per-field default kinds.</summary>
public static class RelationFields
{
    private static readonly RelationField Owner = new("spec.owner", false, CatalogKinds.Group, RelationTypes.OwnedBy);
    private static readonly RelationField System = new("spec.system", false, CatalogKinds.System, RelationTypes.PartOf);
    private static readonly RelationField DependsOn = new("spec.dependsOn", true, null, RelationTypes.DependsOn);
    private static readonly RelationField DependencyOf = new("spec.dependencyOf", true, null, RelationTypes.DependencyOf);

    private static readonly Dictionary<string, RelationField[]> ByKind = new(StringComparer.OrdinalIgnoreCase)
    {
        [CatalogKinds.Component] =
        [
            Owner, System,
            new("spec.subcomponentOf", false, CatalogKinds.Component, RelationTypes.PartOf),
            new("spec.providesApis", true, CatalogKinds.Api, RelationTypes.ProvidesApi),
            new("spec.consumesApis", true, CatalogKinds.Api, RelationTypes.ConsumesApi),
            DependsOn, DependencyOf,
        ],
        [CatalogKinds.Api] = [Owner, System],
        [CatalogKinds.Resource] = [Owner, System, DependsOn, DependencyOf],
        [CatalogKinds.System] = [Owner, new("spec.domain", false, CatalogKinds.Domain, RelationTypes.PartOf)],
        [CatalogKinds.Domain] = [Owner, new("spec.subdomainOf", false, CatalogKinds.Domain, RelationTypes.PartOf)],
        [CatalogKinds.Group] =
        [
            new("spec.parent", false, CatalogKinds.Group, RelationTypes.ChildOf),
            new("spec.children", true, CatalogKinds.Group, RelationTypes.ParentOf),
            new("spec.members", true, CatalogKinds.User, RelationTypes.HasMember),
        ],
        [CatalogKinds.User] = [new("spec.memberOf", true, CatalogKinds.Group, RelationTypes.MemberOf)],
        [CatalogKinds.Template] = [Owner],
        [CatalogKinds.Location] = [],
    };

    public static IReadOnlyList<RelationField> For(string kind) => ByKind.TryGetValue(kind, out var fields) ? fields : [];
}
