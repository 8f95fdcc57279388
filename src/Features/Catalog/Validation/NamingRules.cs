using System.Text.RegularExpressions;

namespace Fawkes.Portal.Features.Catalog.Validation;

/// <summary>Backstage's naming rules for entity names, namespaces, labels, annotations and tags.</summary>
public static partial class NamingRules
{
    public static bool IsValidName(string? value) => value is { Length: > 0 and <= 63 } && NamePattern().IsMatch(value);

    public static bool IsValidNamespace(string? value) => value is { Length: > 0 and <= 63 } && NamespacePattern().IsMatch(value);

    public static bool IsValidTag(string? value) => value is { Length: > 0 and <= 63 } && TagPattern().IsMatch(value);

    /// <summary><c>[prefix/]name</c>: prefix a DNS subdomain (≤253), name as an entity name.</summary>
    public static bool IsValidKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }
        var slash = key.LastIndexOf('/');
        if (slash < 0)
        {
            return IsValidName(key);
        }
        var prefix = key[..slash];
        return prefix.Length is > 0 and <= 253 && DnsSubdomainPattern().IsMatch(prefix) && IsValidName(key[(slash + 1)..]);
    }

    /// <summary>Label values follow the name rule (and may be empty).</summary>
    public static bool IsValidLabelValue(string? value) => value is "" || IsValidName(value);

    [GeneratedRegex("^[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9]+(-+[a-z0-9]+)*$")]
    private static partial Regex NamespacePattern();

    [GeneratedRegex("^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomainPattern();
}
