using Microsoft.AspNetCore.WebUtilities;

namespace Fawkes.Portal.Features.Catalog.Browse;

/// <summary>What the user chose on the catalog list; it round-trips through the URL so views can be shared.</summary>
public sealed record CatalogListState
{
    /// <summary>Facet keys offered as filters, in display order, with their labels.</summary>
    public static readonly IReadOnlyList<(string Key, string Param, string Label)> Facets =
    [
        ("kind", "kind", "Kind"),
        ("spec.type", "type", "Type"),
        ("spec.lifecycle", "lifecycle", "Lifecycle"),
        ("spec.owner", "owner", "Owner"),
        ("spec.system", "system", "System"),
        ("metadata.namespace", "namespace", "Namespace"),
        ("metadata.tags", "tag", "Tags"),
    ];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Selected { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public string? Search { get; init; }
    public bool Mine { get; init; }
    public bool Starred { get; init; }
    public string Sort { get; init; } = "metadata.name";
    public bool Descending { get; init; }

    /// <summary>Show the optional live health column (a feature registers it with <c>AddCatalogHealthColumn</c>).</summary>
    public bool Health { get; init; }

    public IReadOnlyList<string> ValuesOf(string facetKey) => Selected.TryGetValue(facetKey, out var v) ? v : [];

    public CatalogListState Toggle(string facetKey, string value)
    {
        var current = ValuesOf(facetKey).ToList();
        if (!current.Remove(value))
        {
            current.Add(value);
        }
        var selected = Selected.ToDictionary(kv => kv.Key, kv => kv.Value);
        selected[facetKey] = current;
        return this with { Selected = selected };
    }

    public CatalogListState Clear() => this with { Selected = new Dictionary<string, IReadOnlyList<string>>(), Search = null, Mine = false, Starred = false };

    public bool HasFilters => Selected.Any(kv => kv.Value.Count > 0) || !string.IsNullOrEmpty(Search) || Mine || Starred;

    public static CatalogListState FromUri(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var query = QueryHelpers.ParseQuery(uri.Query);
        var selected = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (key, param, _) in Facets)
        {
            if (query.TryGetValue(param, out var values))
            {
                selected[key] = [.. values.OfType<string>().Where(v => v.Length > 0)];
            }
        }
        return new CatalogListState
        {
            Selected = selected,
            Search = query.TryGetValue("q", out var q) ? q.ToString() : null,
            Mine = query.TryGetValue("mine", out var mine) && mine == "true",
            Starred = query.TryGetValue("starred", out var starred) && starred == "true",
            Sort = query.TryGetValue("sort", out var sort) && sort.ToString().Length > 0 ? sort.ToString() : "metadata.name",
            Descending = query.TryGetValue("dir", out var dir) && dir == "desc",
            Health = query.TryGetValue("health", out var health) && health == "true",
        };
    }

    public string ToRelativeUrl()
    {
        var parts = new List<KeyValuePair<string, string?>>();
        foreach (var (key, param, _) in Facets)
        {
            parts.AddRange(ValuesOf(key).Select(v => new KeyValuePair<string, string?>(param, v)));
        }
        if (!string.IsNullOrWhiteSpace(Search)) parts.Add(new("q", Search));
        if (Mine) parts.Add(new("mine", "true"));
        if (Starred) parts.Add(new("starred", "true"));
        if (Sort != "metadata.name") parts.Add(new("sort", Sort));
        if (Descending) parts.Add(new("dir", "desc"));
        if (Health) parts.Add(new("health", "true"));
        return QueryHelpers.AddQueryString("/catalog", parts);
    }
}
