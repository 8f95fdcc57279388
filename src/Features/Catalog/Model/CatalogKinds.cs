namespace Fawkes.Portal.Features.Catalog.Model;

/// <summary>The entity kinds Backstage's catalog knows, and the apiVersions each accepts.</summary>
public static class CatalogKinds
{
    public const string Component = "Component";
    public const string Api = "API";
    public const string System = "System";
    public const string Domain = "Domain";
    public const string Resource = "Resource";
    public const string Group = "Group";
    public const string User = "User";
    public const string Location = "Location";
    public const string Template = "Template";

    private static readonly string[] CoreVersions = ["backstage.io/v1alpha1", "backstage.io/v1beta1"];

    public static readonly IReadOnlyDictionary<string, string[]> ApiVersions = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        [Component] = CoreVersions,
        [Api] = CoreVersions,
        [System] = CoreVersions,
        [Domain] = CoreVersions,
        [Resource] = CoreVersions,
        [Group] = CoreVersions,
        [User] = CoreVersions,
        [Location] = CoreVersions,
        [Template] = ["scaffolder.backstage.io/v1beta3"],
    };

    public static IReadOnlyList<string> All { get; } = [Component, Api, System, Domain, Resource, Group, User, Location, Template];

    /// <summary>The canonical spelling of a kind (Backstage compares kinds case-insensitively).</summary>
    public static string? Canonical(string kind) => All.FirstOrDefault(k => string.Equals(k, kind, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Relation type names, exactly as Backstage writes them.</summary>
public static class RelationTypes
{
    public const string OwnedBy = "ownedBy";
    public const string OwnerOf = "ownerOf";
    public const string PartOf = "partOf";
    public const string HasPart = "hasPart";
    public const string ProvidesApi = "providesApi";
    public const string ApiProvidedBy = "apiProvidedBy";
    public const string ConsumesApi = "consumesApi";
    public const string ApiConsumedBy = "apiConsumedBy";
    public const string DependsOn = "dependsOn";
    public const string DependencyOf = "dependencyOf";
    public const string ParentOf = "parentOf";
    public const string ChildOf = "childOf";
    public const string MemberOf = "memberOf";
    public const string HasMember = "hasMember";

    public static string Inverse(string type) => type switch
    {
        OwnedBy => OwnerOf, OwnerOf => OwnedBy,
        PartOf => HasPart, HasPart => PartOf,
        ProvidesApi => ApiProvidedBy, ApiProvidedBy => ProvidesApi,
        ConsumesApi => ApiConsumedBy, ApiConsumedBy => ConsumesApi,
        DependsOn => DependencyOf, DependencyOf => DependsOn,
        ParentOf => ChildOf, ChildOf => ParentOf,
        MemberOf => HasMember, HasMember => MemberOf,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown relation type."),
    };
}

/// <summary>Annotations the catalog itself writes.</summary>
public static class CatalogAnnotations
{
    public const string ManagedByLocation = "backstage.io/managed-by-location";
    public const string ManagedByOriginLocation = "backstage.io/managed-by-origin-location";
    public const string Orphan = "backstage.io/orphan";
    public const string SourceLocation = "backstage.io/source-location";
    public const string ViewUrl = "backstage.io/view-url";
    public const string EditUrl = "backstage.io/edit-url";
}
