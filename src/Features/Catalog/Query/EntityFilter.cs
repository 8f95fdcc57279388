namespace Fawkes.Portal.Features.Catalog.Query;

/// <summary>One condition: a key that must exist, or must have one of the values. Keys and values are lowercase.</summary>
public sealed record FilterCondition(string Key, IReadOnlyList<string> Values);

/// <summary>
/// Backstage's filter: each <c>filter</c> parameter is a group of comma-separated conditions that must all hold
/// (AND); several groups are alternatives (OR). <c>key=value</c> or just <c>key</c>; case-insensitive.
/// A key repeated inside one group matches any of its values.
/// </summary>
public sealed record EntityFilter(IReadOnlyList<IReadOnlyList<FilterCondition>> Groups)
{
    public static readonly EntityFilter None = new([]);

    public bool IsEmpty => Groups.Count == 0;

    public static EntityFilter Parse(IEnumerable<string?> parameters)
    {
        var groups = new List<IReadOnlyList<FilterCondition>>();
        foreach (var parameter in parameters.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            var byKey = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var part in parameter!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                var key = (eq < 0 ? part : part[..eq]).Trim().ToLowerInvariant();
                if (key.Length == 0)
                {
                    throw new FormatException($"Invalid filter '{parameter}': a condition has no key.");
                }
                var values = byKey.TryGetValue(key, out var list) ? list : byKey[key] = [];
                if (eq >= 0)
                {
                    values.Add(part[(eq + 1)..].Trim().ToLowerInvariant());
                }
            }
            groups.Add([.. byKey.Select(kv => new FilterCondition(kv.Key, kv.Value))]);
        }
        return new EntityFilter(groups);
    }

    /// <summary>The query-string form, for cursors and links.</summary>
    public IEnumerable<string> ToParameters() =>
        Groups.Select(g => string.Join(',', g.SelectMany(c => c.Values.Count == 0 ? [c.Key] : c.Values.Select(v => $"{c.Key}={v}"))));
}
