using System.Collections.Concurrent;
using Fawkes.Portal.Features.Catalog.Storage;

namespace Fawkes.Portal.Features.Catalog.Query;

/// <summary>
/// The snapshot's entities in by-query's default order (uid ascending) with the columns that filters on kind,
/// namespace, name, type and lifecycle compare, so those pages (the catalog client's most common query, e.g.
/// <c>filter=kind=component&amp;limit=20</c>) are cut in memory: no SQL, no EF Core, no connection. Same semantics as
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

    /// <summary>Uid order, no predicate, no full text, and conditions only on column-backed keys.</summary>
    public static bool Supports(ByQuery query) =>
        query.Predicate is null && query.FullTextTerm is null && query.SortKey is null
        && query.Filter.Groups.All(group => group.All(condition => SearchIndexer.IsColumnKey(condition.Key)));

    /// <summary>The page <see cref="KeysetQuery.RunAsync"/> would give for a <see cref="Supports">supported</see> query.</summary>
    public KeysetPage Page(ByQuery query, QueryCursor? cursor, int? limit, int? offset, bool countTotal)
    {
        var isPrevious = cursor?.IsPrevious ?? false;
        var wanted = limit is { } l ? (isPrevious ? l : l + 1) : int.MaxValue;
        var rows = new List<(EntityRecord Entity, string? Value)>();
        if (limit != 0 && (cursor?.OrderFieldValues is not [null]))
        {
            var afterId = cursor?.OrderFieldValues is [var id] ? id : null;
            var skip = cursor is null && offset is > 0 ? offset.Value : 0;
            foreach (var row in InOrder(afterId, descending: isPrevious))
            {
                if (!Matches(row, query.Filter))
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
            : _counts.GetOrAdd(string.Join('\n', query.Filter.ToParameters()), _ => _rows.Count(r => Matches(r, query.Filter)));
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

    private static bool Holds(in Row row, FilterCondition condition)
    {
        var value = condition.Key switch
        {
            "kind" => row.KindKey,
            "metadata.name" => row.NameKey,
            "metadata.namespace" => row.Namespace,
            "spec.type" => row.TypeKey,
            _ => row.LifecycleKey,
        };
        return value is not null && (condition.Values.Count == 0 || condition.Values.Contains(value, StringComparer.Ordinal));
    }
}
