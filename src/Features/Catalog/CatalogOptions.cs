namespace Fawkes.Portal.Features.Catalog;

/// <summary>Bound from <c>Catalog</c>.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>Locations read at start and on every refresh: <c>{ "Type": "file", "Target": "/srv/catalog/**/catalog-info.yaml" }</c>.</summary>
    public IList<ConfiguredLocation> Locations { get; } = [];

    /// <summary>Folders below which <c>file</c> locations may be registered through the UI or API.</summary>
    public IList<string> FileRoots { get; } = [];

    /// <summary>Hosts (besides GitHub) that <c>url</c> locations may read from.</summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>Let URL locations reach loopback and private addresses (only for local fakes and tests).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Folder of the shipped golden-path templates, relative to the content root; registered at start in every mode. Empty: off.</summary>
    public string TemplatesPath { get; set; } = "content/templates";

    public int RefreshIntervalSeconds { get; set; } = 300;

    public int MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>Static token sent to mirrored Backstage backends (<c>backstage</c> locations). From a secret, never the repository.</summary>
    public string? BackstageToken { get; set; }

    /// <summary>GitHub organisations whose repositories are searched for catalog files (via Integrations:GitHub).</summary>
    public GitHubDiscoveryOptions GitHubDiscovery { get; set; } = new();
}

public sealed class GitHubDiscoveryOptions
{
    public IList<string> Organizations { get; } = [];

    /// <summary>Path of the catalog file in each repository.</summary>
    public string Path { get; set; } = "catalog-info.yaml";
}

public sealed class ConfiguredLocation
{
    public string Type { get; set; } = "file";
    public string Target { get; set; } = "";
}
