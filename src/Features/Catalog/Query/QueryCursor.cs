using System.Text;
using System.Text.Json;

namespace Fawkes.Portal.Features.Catalog.Query;

/// <summary>
/// What a <c>by-query</c> request asks for, as Backstage's <c>queryEntities</c> reads it: only the first order field
/// counts, and full text searches the given fields, or (none given) the order field, or else <c>metadata.uid</c>.
/// </summary>
public sealed record ByQuery(EntityFilter Filter, OrderField? Sort, string Term, IReadOnlyList<string>? TextFields)
{
    /// <summary>The body <c>query</c> of <c>POST /entities/by-query</c>, applied together with (AND) the filter.</summary>
    public FilterPredicate? Predicate { get; init; }

    /// <summary>Backstage's page size when <c>limit</c> is not given.</summary>
    public const int DefaultLimit = 200;

    /// <summary>The lowercase search key ordered by, or null for uid order.</summary>
    public string? SortKey => Sort?.Field.ToLowerInvariant();

    /// <summary>The trimmed term, or null when there is no full-text condition.</summary>
    public string? FullTextTerm => string.IsNullOrWhiteSpace(Term) ? null : Term.Trim();

    public IReadOnlyList<string> FullTextFields => TextFields ?? [SortKey is { Length: > 0 } key ? key : "metadata.uid"];
}

/// <summary>
/// Backstage's keyset cursor: the query, the order values of the row to continue after (or before, going back),
/// the first page's first row (to know when going back has reached it) and the total counted on the first page.
/// Opaque to clients; base64url JSON here.
/// </summary>
public sealed record QueryCursor(ByQuery Query, string?[] OrderFieldValues, string?[] FirstSortFieldValues, bool IsPrevious, int TotalItems)
{
    public string Encode()
    {
        var state = new State(
            [.. Query.Filter.ToParameters()], Query.Sort is { } s ? [s.Field, s.Ascending ? "asc" : "desc"] : null,
            Query.Term, Query.TextFields?.ToArray(), OrderFieldValues, FirstSortFieldValues, IsPrevious, TotalItems, Query.Predicate?.Json);
        return Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(state)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <exception cref="FormatException">The cursor is not one this server wrote.</exception>
    public static QueryCursor Decode(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - base64.Length % 4) % 4);
            var s = JsonSerializer.Deserialize<State>(Encoding.UTF8.GetString(Convert.FromBase64String(base64)))
                ?? throw new FormatException("empty");
            if (s.F is null || s.V is null || s.First is null || s.O is { Length: not 2 } || s.O is [_, not ("asc" or "desc")])
            {
                throw new FormatException("missing fields");
            }
            var query = new ByQuery(EntityFilter.Parse(s.F), s.O is { } o ? new OrderField(o[0], o[1] == "asc") : null, s.T ?? "", s.Tf)
            {
                Predicate = s.Q is null ? null : FilterPredicate.Parse(s.Q),
            };
            return new QueryCursor(query, s.V, s.First, s.P, s.N);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            throw new FormatException($"Malformed cursor: {ex.Message}", ex);
        }
    }

    private sealed record State(string[]? F, string[]? O, string? T, string[]? Tf, string?[]? V, string?[]? First, bool P, int N, string? Q = null);
}
