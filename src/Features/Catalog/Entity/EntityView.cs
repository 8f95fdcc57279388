using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Relations;
using Fawkes.Portal.Features.Catalog.Validation;

namespace Fawkes.Portal.Features.Catalog.Entity;

public sealed record EntityLink(string Url, string Title, string? Icon);

public sealed record RelationView(string Type, EntityRef Target, bool Exists);

/// <summary>An entity as the entity page reads it. <see cref="Json"/> is the API form (with relations and status).</summary>
public sealed class EntityView
{
    public EntityView(JsonObject json, ISet<string> existingKeys)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(existingKeys);
        Json = json;
        Ref = RelationBuilder.RefOf(json);
        Metadata = json["metadata"] as JsonObject ?? [];
        Spec = json["spec"] as JsonObject ?? [];
        Relations = [.. (json["relations"] as JsonArray ?? []).OfType<JsonObject>().Select(r =>
        {
            var target = EntityRef.Parse(r["targetRef"]!.GetValue<string>());
            return new RelationView(r["type"]!.GetValue<string>(), target, existingKeys.Contains(target.Key));
        })];
    }

    public JsonObject Json { get; }
    public EntityRef Ref { get; }
    public JsonObject Metadata { get; }
    public JsonObject Spec { get; }
    public IReadOnlyList<RelationView> Relations { get; }

    public string Kind => Ref.Kind;
    public string Title => Text(Metadata["title"]) ?? Ref.Name;
    public string? Description => Text(Metadata["description"]);
    public string? Type => Text(Spec["type"]);
    public string? Lifecycle => Text(Spec["lifecycle"]);
    public IReadOnlyList<string> Tags => [.. (Metadata["tags"] as JsonArray ?? []).Select(Text).OfType<string>()];
    public bool IsOrphan => Annotation(CatalogAnnotations.Orphan) == "true";

    public IReadOnlyList<EntityLink> Links => [.. (Metadata["links"] as JsonArray ?? []).OfType<JsonObject>()
        .Select(l => new EntityLink(Text(l["url"]) ?? "", Text(l["title"]) ?? Text(l["url"]) ?? "", Text(l["icon"])))
        .Where(l => l.Url.Length > 0)];

    /// <summary>Processing errors of the latest read (the entity shown is the last good version).</summary>
    public IReadOnlyList<string> StatusErrors => [.. (Json["status"]?["items"] as JsonArray ?? []).OfType<JsonObject>()
        .Select(i => Text(i["message"])).OfType<string>()];

    public string? Annotation(string key) => Text(Metadata["annotations"]?[key]);

    public IEnumerable<RelationView> RelationsOf(params string[] types) => Relations.Where(r => types.Contains(r.Type, StringComparer.Ordinal));

    public EntityRef? Single(string type) => RelationsOf(type).Select(r => (EntityRef?)r.Target).FirstOrDefault();

    /// <summary>Where the entity's YAML lives: a URL for url locations, a path for file locations.</summary>
    public (string Text, string? Url)? Source
    {
        get
        {
            var location = Annotation(CatalogAnnotations.ManagedByLocation);
            if (location is null)
            {
                return null;
            }
            var colon = location.IndexOf(':', StringComparison.Ordinal);
            var target = colon < 0 ? location : location[(colon + 1)..];
            return location.StartsWith("url:", StringComparison.Ordinal) ? (target, target) : (target, null);
        }
    }

    public string? EditUrl => Annotation(CatalogAnnotations.EditUrl) ?? (Source?.Url is { } url && url.Contains("github.com/", StringComparison.Ordinal) ? url.Replace("/blob/", "/edit/", StringComparison.Ordinal) : null);

    private static string? Text(JsonNode? node) => EntityValidator.AsString(node);
}
