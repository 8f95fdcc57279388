namespace Fawkes.Portal.Features.Catalog.Model;

/// <summary>
/// A Backstage entity reference <c>kind:namespace/name</c>. Comparison is case-insensitive, as in Backstage;
/// <see cref="ToString"/> keeps the original case and <see cref="Key"/> is the lowercase form used for lookups.
/// </summary>
public readonly record struct EntityRef(string Kind, string Namespace, string Name)
{
    public const string DefaultNamespace = "default";

    public string Key => $"{Kind}:{Namespace}/{Name}".ToLowerInvariant();

    public override string ToString() => $"{Kind.ToLowerInvariant()}:{Namespace}/{Name}";

    public bool Equals(EntityRef other) => string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <summary>
    /// Parses <c>[kind:][namespace/]name</c>. Missing parts come from the defaults, as Backstage does per field
    /// (an owner defaults to kind Group, a system to System) and from the referencing entity's namespace.
    /// </summary>
    public static bool TryParse(string? text, string? defaultKind, string defaultNamespace, out EntityRef entityRef, out string? error)
    {
        entityRef = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "Entity reference is empty.";
            return false;
        }
        var rest = text.Trim();
        string? kind = defaultKind;
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            kind = rest[..colon];
            rest = rest[(colon + 1)..];
        }
        var ns = defaultNamespace;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            ns = rest[..slash];
            rest = rest[(slash + 1)..];
        }
        if (string.IsNullOrEmpty(kind))
        {
            error = $"Entity reference '{text}' has no kind, and this field has no default kind: write it as kind:[namespace/]name.";
            return false;
        }
        if (kind.Length == 0 || ns.Length == 0 || rest.Length == 0 || rest.Contains('/', StringComparison.Ordinal) || rest.Contains(':', StringComparison.Ordinal))
        {
            error = $"Entity reference '{text}' is malformed: expected [kind:][namespace/]name.";
            return false;
        }
        entityRef = new EntityRef(kind, ns, rest);
        return true;
    }

    public static EntityRef Parse(string text, string? defaultKind = null, string defaultNamespace = DefaultNamespace) =>
        TryParse(text, defaultKind, defaultNamespace, out var r, out var error) ? r : throw new FormatException(error);
}
