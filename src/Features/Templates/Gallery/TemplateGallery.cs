using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;

namespace Fawkes.Portal.Features.Templates.Gallery;

/// <summary>Template entities from the catalog, for the gallery, the template page and the wizard.</summary>
public sealed class TemplateGallery(IEntityLookup lookup)
{
    public const string Kind = "Template";

    private static readonly EntityFilter Templates = new([[new FilterCondition("kind", ["template"])]]);

    public async Task<IReadOnlyList<TemplateSummary>> ListAsync(CancellationToken ct = default) =>
        [.. (await lookup.FindAsync(Templates, ct)).Select(TemplateSummary.From)];

    public Task<JsonObject?> FindAsync(string ns, string name, CancellationToken ct = default) =>
        lookup.ByRefAsync(new EntityRef(Kind, ns, name), ct);
}
