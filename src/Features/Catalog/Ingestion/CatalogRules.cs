using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fawkes.Portal.Features.Catalog.Validation;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

/// <summary>One allowed kind, optionally only with one <c>spec.type</c> (both compared case-insensitively).</summary>
public sealed record AllowedKind(string Kind, string? SpecType = null);

/// <summary>Which origin locations a rule applies to: a type and an exact target or a glob pattern (none: any of that type).</summary>
public sealed record RuleLocation(string Type, string? Exact = null, string? Pattern = null);

public sealed record CatalogRule(IReadOnlyList<AllowedKind> Allow, IReadOnlyList<RuleLocation>? Locations = null);

/// <summary>
/// Backstage's catalog rules (<c>catalog.rules</c> and <c>catalog.locations[].rules</c>), same format and meaning: an
/// entity read through a location is allowed when some rule whose locations match the entity's <em>origin</em> location
/// allows its kind. Without <c>Catalog:Rules</c>, Backstage's default applies: Component, API and Location only, so a
/// registered file cannot add Users or Groups (which would grant ownership, and with it permissions). A configured
/// location can widen this for itself with <c>Catalog:Locations:{i}:Rules:{j}:Allow</c>.
/// </summary>
public sealed class CatalogRules(IReadOnlyList<CatalogRule> rules)
{
    public static readonly IReadOnlyList<CatalogRule> BackstageDefault =
        [new([new AllowedKind("Component"), new AllowedKind("API"), new AllowedKind("Location")])];

    public IReadOnlyList<CatalogRule> Rules { get; } = rules;

    /// <summary>
    /// Reads the rules from the <c>Catalog</c> section; <paramref name="trusted"/> locations (the demo catalog) may hold every
    /// kind; <paramref name="builtIn"/> rules (the shipped templates' location, exact targets as full paths) are added as given.
    /// </summary>
    public static CatalogRules From(IConfiguration catalog, IEnumerable<(string Type, string Target)> trusted, params IEnumerable<CatalogRule?> builtIn)
    {
        var rules = new List<CatalogRule>();
        var global = catalog.GetSection("Rules");
        // An empty value (e.g. `Catalog__Rules=`) configures nothing, so the default holds: an allow-nothing catalog is never meant.
        var configured = global.GetChildren().ToList();
        rules.AddRange(configured.Count > 0 ? configured.Select(ParseRule) : BackstageDefault);
        foreach (var location in catalog.GetSection("Locations").GetChildren())
        {
            var type = location["Type"] ?? "file";
            var exact = Canonical(type, location["Target"] ?? "");
            rules.AddRange(location.GetSection("Rules").GetChildren()
                .Select(r => new CatalogRule(ParseAllow(r.GetSection("Allow")), [new RuleLocation(type, exact)])));
        }
        foreach (var (type, target) in trusted)
        {
            rules.Add(new CatalogRule([new AllowedKind("*")], [new RuleLocation(type, Canonical(type, target))]));
        }
        rules.AddRange(builtIn.OfType<CatalogRule>());
        return new CatalogRules(rules);
    }

    public bool IsAllowed(JsonObject? entity, string kind, string originType, string originTarget)
    {
        var specType = entity is null ? null : EntityValidator.AsString(entity["spec"]?["type"]);
        var target = Canonical(originType, originTarget);
        return Rules.Any(rule => MatchesLocation(rule.Locations, originType, target) && rule.Allow.Any(a => Matches(a, kind, specType)));
    }

    private static bool Matches(AllowedKind allowed, string kind, string? specType) =>
        (allowed.Kind == "*" || string.Equals(allowed.Kind, kind, StringComparison.OrdinalIgnoreCase))
        && (allowed.SpecType is null || (specType is not null && string.Equals(allowed.SpecType, specType, StringComparison.OrdinalIgnoreCase)));

    private static bool MatchesLocation(IReadOnlyList<RuleLocation>? matchers, string type, string target) =>
        matchers is null || matchers.Any(m => m.Type == type
            && (m.Exact is null || m.Exact == target)
            && (m.Pattern is null || GlobRegex(m.Pattern).IsMatch(target)));

    private static CatalogRule ParseRule(IConfigurationSection rule)
    {
        var locations = rule.GetSection("Locations");
        return new CatalogRule(ParseAllow(rule.GetSection("Allow")), locations.Exists()
            ? [.. locations.GetChildren().Select(l => new RuleLocation(l["Type"] ?? "", l["Exact"] is { } exact ? Canonical(l["Type"] ?? "", exact) : null, l["Pattern"]))]
            : null);
    }

    // Each item is a kind ("Component") or, as in Backstage, {kind: Resource, spec.type: database}.
    private static List<AllowedKind> ParseAllow(IConfigurationSection allow) =>
        [.. allow.GetChildren().Select(a => a.Value is { } kind ? new AllowedKind(kind) : new AllowedKind(a["Kind"] ?? "", a["spec.type"] ?? a["SpecType"]))];

    /// <summary>File targets compare as full paths (Backstage uses path.resolve); others as written.</summary>
    private static string Canonical(string type, string target) => type == "file" && target.Length > 0 ? Path.GetFullPath(target) : target;

    // Patterns come from configuration, so few: each is compiled once, not once per entity checked during ingestion.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Globs = new(StringComparer.Ordinal);

    /// <summary>minimatch with <c>nocase</c> and <c>dot</c>, as Backstage: <c>**</c> spans folders, <c>*</c> and <c>?</c> do not.</summary>
    private static Regex GlobRegex(string pattern) => Globs.GetOrAdd(pattern, BuildGlob);

    private static Regex BuildGlob(string pattern)
    {
        var regex = Regex.Escape(pattern).Replace(@"\*\*", "\u0001", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal).Replace("\u0001", ".*", StringComparison.Ordinal);
        return new Regex($"^{regex}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
