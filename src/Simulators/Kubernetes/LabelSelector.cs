namespace Fawkes.Portal.Simulators.Kubernetes;

/// <summary>
/// Kubernetes label selector syntax as the API server parses it: comma-separated requirements, each
/// <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c> (exists) or <c>!k</c> (does not exist).
/// </summary>
public sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements = [];

    private LabelSelector()
    {
    }

    /// <exception cref="FormatException">The selector is not valid; the message says which part.</exception>
    public static LabelSelector Parse(string? selector)
    {
        var result = new LabelSelector();
        foreach (var part in Split(selector ?? ""))
        {
            result._requirements.Add(Requirement(part.Trim()));
        }
        return result;
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r(labels));

    private static Func<IReadOnlyDictionary<string, string>, bool> Requirement(string text)
    {
        if (text.Length == 0)
        {
            throw new FormatException("found an empty requirement");
        }
        foreach (var (op, negate) in new[] { (" notin ", true), (" in ", false) })
        {
            var at = text.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = Key(text[..at]);
                var set = text[(at + op.Length)..].Trim();
                if (!set.StartsWith('(') || !set.EndsWith(')'))
                {
                    throw new FormatException($"unable to parse requirement: '{text}': expected a set in parentheses");
                }
                var values = set[1..^1].Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
                return negate ? l => !l.TryGetValue(key, out var v) || !values.Contains(v) : l => l.TryGetValue(key, out var v) && values.Contains(v);
            }
        }
        foreach (var (op, negate) in new[] { ("!=", true), ("==", false), ("=", false) })
        {
            var at = text.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = Key(text[..at]);
                var value = text[(at + op.Length)..].Trim();
                return negate ? l => !l.TryGetValue(key, out var v) || v != value : l => l.TryGetValue(key, out var v) && v == value;
            }
        }
        if (text.StartsWith('!'))
        {
            var key = Key(text[1..]);
            return l => !l.ContainsKey(key);
        }
        var exists = Key(text);
        return l => l.ContainsKey(exists);
    }

    private static string Key(string key)
    {
        key = key.Trim();
        if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '!' or '='))
        {
            throw new FormatException($"invalid label key: '{key}'");
        }
        return key;
    }

    /// <summary>Splits on commas outside parentheses.</summary>
    private static IEnumerable<string> Split(string selector)
    {
        if (selector.Trim().Length == 0)
        {
            yield break;
        }
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] == '(' ? 1 : selector[i] == ')' ? -1 : 0;
            if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i];
                start = i + 1;
            }
        }
        yield return selector[start..];
    }
}
