using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Validation;

namespace Fawkes.Portal.Features.Catalog.Browse;

/// <summary>What the catalog list shows of an entity.</summary>
public sealed record EntityRow(
    EntityRef Ref, string? Title, string? Description, string? Type, string? Lifecycle, EntityRef? Owner, EntityRef? System,
    IReadOnlyList<string> Tags, bool Orphan, bool HasErrors)
{
    /// <summary>The entity's annotations: what optional columns (live health) read to find the entity in other systems.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public string DisplayName => Title ?? Ref.Name;

    public string Href => EntityLinks.Href(Ref);

    public static EntityRow From(JsonObject entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var metadata = entity["metadata"] as JsonObject ?? [];
        var spec = entity["spec"] as JsonObject;
        var self = Relations.RelationBuilder.RefOf(entity);
        return new EntityRow(
            self,
            EntityValidator.AsString(metadata["title"]),
            EntityValidator.AsString(metadata["description"]),
            EntityValidator.AsString(spec?["type"]),
            EntityValidator.AsString(spec?["lifecycle"]),
            RefOrNull(EntityValidator.AsString(spec?["owner"]), CatalogKinds.Group, self.Namespace),
            RefOrNull(EntityValidator.AsString(spec?["system"]), CatalogKinds.System, self.Namespace),
            [.. (metadata["tags"] as JsonArray ?? []).Select(EntityValidator.AsString).OfType<string>()],
            EntityValidator.AsString(metadata["annotations"]?[CatalogAnnotations.Orphan]) == "true",
            entity["status"] is not null)
        {
            Annotations = (metadata["annotations"] as JsonObject ?? []).Select(a => (a.Key, Value: EntityValidator.AsString(a.Value)))
                .Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal),
        };
    }

    private static EntityRef? RefOrNull(string? text, string defaultKind, string ns) =>
        text is not null && EntityRef.TryParse(text, defaultKind, ns, out var r, out _) ? r : null;
}

public static class EntityLinks
{
    /// <summary>Backstage's entity page URL shape: /catalog/{namespace}/{kind}/{name}.</summary>
    public static string Href(EntityRef entityRef) =>
        $"/catalog/{Uri.EscapeDataString(entityRef.Namespace)}/{Uri.EscapeDataString(entityRef.Kind.ToLowerInvariant())}/{Uri.EscapeDataString(entityRef.Name)}";

    /// <summary>Short form for display: the name, with kind and namespace only when they are not the obvious ones.</summary>
    public static string Display(EntityRef entityRef, string? impliedKind = null) =>
        (impliedKind is not null && string.Equals(entityRef.Kind, impliedKind, StringComparison.OrdinalIgnoreCase) ? "" : $"{entityRef.Kind.ToLowerInvariant()}:")
        + (entityRef.Namespace == EntityRef.DefaultNamespace ? "" : $"{entityRef.Namespace}/") + entityRef.Name;
}
