using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

/// <summary>
/// The golden-path software templates the portal ships (<c>content/templates/all.yaml</c>, one folder per Template with its
/// <c>skeleton/</c> beside <c>template.yaml</c>). Registered at start in every mode, not only with demo data, so each
/// Template's <c>backstage.io/managed-by-location</c> is its own file and the scaffolder finds the skeleton next to it.
/// This location may add Templates (and the Location that lists them), nothing else: a stray Group here grants nothing.
/// </summary>
public sealed class TemplateLocation(IOptions<CatalogOptions> options, IHostEnvironment environment)
{
    /// <summary>The Location file inside the templates folder that lists every template.yaml.</summary>
    public const string EntryFile = "all.yaml";

    public static readonly IReadOnlyList<AllowedKind> AllowedKinds = [new("Template"), new("Location")];

    /// <summary>The templates folder (absolute), or null when <c>Catalog:TemplatesPath</c> is empty.</summary>
    public string? Folder => string.IsNullOrWhiteSpace(options.Value.TemplatesPath)
        ? null
        : Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.TemplatesPath));

    /// <summary>The <c>file</c> location target registered at start, or null when turned off.</summary>
    public string? Target => Folder is { } folder ? Path.Combine(folder, EntryFile) : null;

    /// <summary>The rule letting this location (and only it) bring in Templates, which Backstage's default rules refuse.</summary>
    public CatalogRule? Rule => Target is { } target ? new CatalogRule(AllowedKinds, [new RuleLocation("file", target)]) : null;
}
