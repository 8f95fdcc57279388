using System.Collections.Concurrent;
using Fawkes.Portal.Features.Catalog.Storage;

namespace Fawkes.Portal.Features.Catalog.Query;

/// <summary>
/// The snapshot's entities in by-query's default order (uid ascending) with the columns that filters on kind,
/// namespace, name, type and lifecycle compare, so those pages (the catalog client's most common query, e.g.
/// <c>filter=kind=component&amp;limit=20</c>, or a name search) are cut in memory: no SQL, no EF Core, no connection. Same semantics as
/// <see cref="KeysetQuery"/>'s uid-ordered branch and <see cref="FilterTranslator"/>'s column conditions, which answer
/// every other query (and these, while the snapshot is stale); the differential test against Backstage runs both.
/// </summary>
internal sealed class SnapshotIndex
{
    /// <summary>One entity's identity and filter columns (lowercase keys, as the database columns hold them).</summary>
    public readonly record struct Row(string Id, string RefKey, string KindKey, string Namespace, string NameKey, string? TypeKey, string? LifecycleKey);

    private readonly Row[] _rows;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <param name="rows">Every entity, in any order.</param>
    public SnapshotIndex(IEnumerable<Row> rows)
    {
        _rows = [.. rows];
        Array.Sort(_rows, (a, b) => string.CompareOrdinal(a.Id, b.Id));
        // Ordinal order is the database's order for canonical lowercase uuids under any collation (C, C.UTF-8 or a
        // language's: equal lengths, dashes at the same places, digits before letters); for other ids it may not be.
        MatchesDatabaseOrder = _rows.All(r => r.Id.Length == 36 && Guid.TryParseExact(r.Id, "D", out _) && !r.Id.Any(char.IsUpper));
    }

    public bool MatchesDatabaseOrder { get; }

    public int Count => _rows.Length;

    /// <summary>
    /// Uid order, no predicate, conditions only on column-backed keys, and full text (if any) only on those keys or the
    /// uid, with a term that has no LIKE wildcards (<c>%</c>, <c>_</c>): then it is a plain substring test.
    /// </summary>
    public static bool Supports(ByQuery query) =>
        query.Predicate is null && query.SortKey is null
        && query.Filter.Groups.All(group => group.All(condition => SearchIndexer.IsColumnKey(condition.Key)))
        && (query.FullTextTerm is not { } term
            || (term.IndexOfAny(['%', '_']) < 0 && query.FullTextFields.All(f => f.ToLowerInvariant() is var key && (SearchIndexer.IsColumnKey(key) || key == "metadata.uid"))));

    /// <summary>The page <see cref="KeysetQuery.RunAsync"/> would give for a <see cref="Supports">supported</see> query.</summary>
    public KeysetPage Page(ByQuery query, QueryCursor? cursor, int? limit, int? offset, bool countTotal)
    {
        var isPrevious = cursor?.IsPrevious ?? false;
        var wanted = limit is { } l ? (isPrevious ? l : l + 1) : int.MaxValue;
        var rows = new List<(EntityRecord Entity, string? Value)>();
        var text = query.FullTextTerm?.ToLowerInvariant();
        var fields = text is null ? [] : query.FullTextFields.Select(f => f.ToLowerInvariant()).Distinct().ToArray();
        bool Wanted(Row row)
        {
            if (!Matches(row, query.Filter))
            {
                return false;
            }
            if (text is null)
            {
                return true;
            }
            foreach (var key in fields)
            {
                if (Contains(row, key, text))
                {
                    return true;
                }
            }
            return false;
        }
        if (limit != 0 && (cursor?.OrderFieldValues is not [null]))
        {
            var afterId = cursor?.OrderFieldValues is [var id] ? id : null;
            var skip = cursor is null && offset is > 0 ? offset.Value : 0;
            foreach (var row in InOrder(afterId, descending: isPrevious))
            {
                if (!Wanted(row))
                {
                    continue;
                }
                if (skip > 0)
                {
                    skip--;
                    continue;
                }
                rows.Add((new EntityRecord { Id = row.Id, RefKey = row.RefKey, Kind = "", Namespace = row.Namespace, Name = "", SearchText = "", Json = "", Etag = "", SourceHash = "" }, null));
                if (rows.Count == wanted)
                {
                    break;
                }
            }
        }
        if (_counts.Count > 1_000)
        {
            _counts.Clear(); // Bounded: arbitrary filters must not grow this without limit.
        }
        var total = cursor is not null ? cursor.TotalItems
            : !countTotal ? 0
            : _counts.GetOrAdd(string.Join('\n', [.. query.Filter.ToParameters(), text ?? "", .. fields]), _ => _rows.Count(r => Wanted(r)));
        return KeysetQuery.Finish(query, cursor, limit, rows, total);
    }

    /// <summary>Rows after (or, descending, before) the given uid; all rows without one.</summary>
    private IEnumerable<Row> InOrder(string? afterId, bool descending)
    {
        var start = 0;
        if (afterId is not null)
        {
            var at = Array.BinarySearch(_rows, new Row(afterId, "", "", "", "", null, null), Comparer<Row>.Create((a, b) => string.CompareOrdinal(a.Id, b.Id)));
            // Found: start next to it; not found: ~at is the first greater row.
            start = at >= 0 ? (descending ? at - 1 : at + 1) : (descending ? ~at - 1 : ~at);
        }
        else if (descending)
        {
            start = _rows.Length - 1;
        }
        if (descending)
        {
            for (var i = start; i >= 0; i--)
            {
                yield return _rows[i];
            }
        }
        else
        {
            for (var i = start; i < _rows.Length; i++)
            {
                yield return _rows[i];
            }
        }
    }

    private static bool Matches(in Row row, EntityFilter filter)
    {
        if (filter.IsEmpty)
        {
            return true;
        }
        foreach (var group in filter.Groups)
        {
            var all = true;
            foreach (var condition in group)
            {
                if (!Holds(row, condition))
                {
                    all = false;
                    break;
                }
            }
            if (all)
            {
                return true;
            }
        }
        return false;
    }

    private static bool Holds(in Row row, FilterCondition condition) =>
        Column(row, condition.Key) is { } value && (condition.Values.Count == 0 || condition.Values.Contains(value, StringComparer.Ordinal));

    /// <summary>FilterTranslator.FullTextIn's <c>column LIKE '%term%'</c> for a term without wildcards.</summary>
    private static bool Contains(in Row row, string key, string term) =>
        (key == "metadata.uid" ? row.Id : Column(row, key)) is { } value && value.Contains(term, StringComparison.Ordinal);

    /// <summary>The column a column-backed key is compared on, as in FilterTranslator (namespace as stored).</summary>
    private static string? Column(in Row row, string key) => key switch
    {
        "kind" => row.KindKey,
        "metadata.name" => row.NameKey,
        "metadata.namespace" => row.Namespace,
        "spec.type" => row.TypeKey,
        "spec.lifecycle" => row.LifecycleKey,
        _ => null,
    };
}
