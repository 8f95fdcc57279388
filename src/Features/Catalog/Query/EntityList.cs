using System.Text;
using System.Text.Json;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Catalog.Query;

/// <summary>GET /entities paging: <c>limit</c>, <c>offset</c>, or Backstage's <c>after</c> cursor (base64 JSON of both).</summary>
public sealed record ListPaging(int? Limit, int? Offset)
{
    public string ToAfter() => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new After(Limit, Offset)));

    /// <summary>Backstage's parsePagination: the cursor's limit and offset replace the request's.</summary>
    /// <exception cref="FormatException">With Backstage's message.</exception>
    public static ListPaging FromAfter(string after, int? limit, int? offset)
    {
        JsonElement cursor;
        try
        {
            cursor = JsonSerializer.Deserialize<JsonElement>(Encoding.UTF8.GetString(Convert.FromBase64String(after)));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new FormatException("Malformed after cursor, could not be parsed", ex);
        }
        if (cursor.ValueKind == JsonValueKind.Object)
        {
            limit = Integer(cursor, "limit", "Malformed after cursor, limit was not an number") ?? limit;
            offset = Integer(cursor, "offset", "Malformed after cursor, offset was not a number") ?? offset;
        }
        return new ListPaging(limit, offset);
    }

    private static int? Integer(JsonElement cursor, string name, string error) =>
        !cursor.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n
        : throw new FormatException(error);

    private sealed record After(int? limit, int? offset);
}

/// <summary>
/// Backstage's <c>entities()</c> (DefaultEntitiesCatalog), used by GET /entities when paging: no order means entity ref
/// order; one order key puts entities without a value last; several keys each sort missing values last; ties by uid.
/// </summary>
internal static class EntityList
{
    public static async Task<(List<EntityRecord> Records, bool HasNext)> PageAsync(
        PortalDbContext db, EntityFilter filter, IReadOnlyList<OrderField> order, ListPaging paging, CancellationToken ct)
    {
        var entities = FilterTranslator.Apply(db, db.Set<EntityRecord>().AsNoTracking(), filter);
        IQueryable<EntityRecord> ordered;
        if (order.Count == 0)
        {
            ordered = entities.OrderBy(e => e.RefKey);
        }
        else if (order.Count == 1)
        {
            // The field is matched as given (Backstage does not lowercase it here): a mixed-case key finds no values.
            var (field, ascending) = (order[0].Field, order[0].Ascending);
            var rows = SortValues.Outer(db, entities, field);
            var byValue = SortValues.NeverMissing(field)
                ? ascending ? rows.OrderBy(r => r.Value) : rows.OrderByDescending(r => r.Value)
                : ascending ? rows.OrderBy(r => r.Value == null).ThenBy(r => r.Value) : rows.OrderBy(r => r.Value == null).ThenByDescending(r => r.Value);
            ordered = byValue.ThenBy(r => r.Entity.Id).Select(r => r.Entity);
        }
        else
        {
            IOrderedQueryable<EntityRecord>? sorted = null;
            foreach (var (field, ascending) in order)
            {
                var value = SortValues.Least(db, field);
                var missing = System.Linq.Expressions.Expression.Lambda<Func<EntityRecord, bool>>(
                    System.Linq.Expressions.Expression.Equal(value.Body, System.Linq.Expressions.Expression.Constant(null, typeof(string))), value.Parameters);
                sorted = sorted is null ? entities.OrderBy(missing) : sorted.ThenBy(missing);
                sorted = ascending ? sorted.ThenBy(value) : sorted.ThenByDescending(value);
            }
            ordered = sorted!.ThenBy(e => e.Id);
        }
        var skipped = paging.Offset is > 0 ? ordered.Skip(paging.Offset.Value) : ordered;
        var records = await (paging.Limit is { } limit ? skipped.Take(limit + 1) : skipped).ToListAsync(ct);
        var hasNext = paging.Limit is { } max && records.Count > max;
        if (hasNext)
        {
            records.RemoveAt(records.Count - 1);
        }
        return (records, hasNext);
    }
}
