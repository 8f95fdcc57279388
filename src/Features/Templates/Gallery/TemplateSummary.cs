using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Validation;

namespace Fawkes.Portal.Features.Templates.Gallery;

/// <summary>A Template entity as a gallery card shows it.</summary>
public sealed record TemplateSummary(string Namespace, string Name, string Title, string? Description, IReadOnlyList<string> Tags,
    string? Owner, string? Type)
{
    public string Href => $"/create/templates/{Uri.EscapeDataString(Namespace)}/{Uri.EscapeDataString(Name)}";

    public string RunHref => Href + "/run";

    /// <summary><c>spec.owner</c> as a ref (kind Group and the template's namespace when left out, as Backstage reads it).</summary>
    public Catalog.Model.EntityRef? OwnerRef =>
        Catalog.Model.EntityRef.TryParse(Owner, Catalog.Model.CatalogKinds.Group, Namespace, out var owner, out _) ? owner : null;

    public static TemplateSummary From(JsonObject entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var metadata = entity["metadata"] as JsonObject ?? [];
        var spec = entity["spec"] as JsonObject ?? [];
        var name = EntityValidator.AsString(metadata["name"]) ?? "";
        return new TemplateSummary(
            EntityValidator.AsString(metadata["namespace"]) ?? Catalog.Model.EntityRef.DefaultNamespace,
            name,
            EntityValidator.AsString(metadata["title"]) ?? name,
            EntityValidator.AsString(metadata["description"]),
            [.. (metadata["tags"] as JsonArray ?? []).Select(EntityValidator.AsString).OfType<string>()],
            EntityValidator.AsString(spec["owner"]),
            EntityValidator.AsString(spec["type"]));
    }
}

/// <summary>The gallery's search and filters: text in title, name, description or tags; one tag; one type.</summary>
public static class GalleryFilter
{
    public static IReadOnlyList<TemplateSummary> Apply(IEnumerable<TemplateSummary> templates, string? search, string? tag, string? type)
    {
        var words = (search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. templates
            .Where(t => string.IsNullOrEmpty(tag) || t.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            .Where(t => string.IsNullOrEmpty(type) || string.Equals(t.Type, type, StringComparison.OrdinalIgnoreCase))
            .Where(t => words.All(w => Text(t).Contains(w, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(t => t.Title, StringComparer.OrdinalIgnoreCase)];
    }

    private static string Text(TemplateSummary t) => string.Join(' ', [t.Title, t.Name, t.Description ?? "", .. t.Tags]);
}
