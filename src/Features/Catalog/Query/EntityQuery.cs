using System.Text;
using System.Text.Json;

namespace Fawkes.Portal.Features.Catalog.Query;

public sealed record OrderField(string Field, bool Ascending);

/// <summary>A by-query request. Everything but the limit is carried inside the cursor, as Backstage does.</summary>
public sealed record EntityQuery(
    EntityFilter Filter,
    IReadOnlyList<OrderField> Order,
    string? FullTextTerm,
    IReadOnlyList<string> FullTextFields,
    int Limit,
    int Offset)
{
    /// <summary>Restricts to these entity refs (lowercase keys), e.g. a user's starred entities. UI only; not in cursors.</summary>
    public IReadOnlyList<string>? RefKeys { get; init; }

    public const int DefaultLimit = 20;
    public const int MaxLimit = 1000;

    public string ToCursor(int offset)
    {
        var state = new CursorState(
            [.. Filter.ToParameters()], [.. Order.Select(o => new[] { o.Field, o.Ascending ? "asc" : "desc" })], FullTextTerm, [.. FullTextFields], offset);
        return Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(state)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static EntityQuery FromCursor(string cursor, int limit)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - base64.Length % 4) % 4);
            var state = JsonSerializer.Deserialize<CursorState>(Encoding.UTF8.GetString(Convert.FromBase64String(base64)))
                ?? throw new FormatException("empty cursor");
            return new EntityQuery(
                EntityFilter.Parse(state.F), [.. state.O.Select(o => new OrderField(o[0], o[1] == "asc"))], state.T, state.Tf, limit, Math.Max(0, state.Off));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or IndexOutOfRangeException)
        {
            throw new FormatException("The cursor is malformed; use the nextCursor or prevCursor of a previous response.", ex);
        }
    }

    public static IReadOnlyList<OrderField> ParseOrder(IEnumerable<string?> orderFields) =>
        [.. orderFields.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o =>
        {
            var parts = o!.Split(',', StringSplitOptions.TrimEntries);
            var direction = parts.Length > 1 ? parts[1].ToLowerInvariant() : "asc";
            if (direction is not ("asc" or "desc"))
            {
                throw new FormatException($"Invalid orderField '{o}': the order must be asc or desc.");
            }
            return new OrderField(parts[0].ToLowerInvariant(), direction == "asc");
        })];

    private sealed record CursorState(string[] F, string[][] O, string? T, string[] Tf, int Off);
}
