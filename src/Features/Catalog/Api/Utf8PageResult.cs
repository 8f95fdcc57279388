using System.Buffers;
using System.Text.Json;
using Fawkes.Portal.Features.Catalog.Query;

namespace Fawkes.Portal.Features.Catalog.Api;

/// <summary>
/// A by-query answer, <c>{items, totalItems, pageInfo: {prevCursor?, nextCursor?}}</c>, written with the items' stored
/// bytes as they are. The same document <see cref="EntitiesApi.PageResult"/> writes (the snapshot's bytes are that
/// serializer's output), without a document per entity.
/// </summary>
internal static class Utf8PageResult
{
    public static IResult Of(Utf8EntityPage page)
    {
        var buffer = new ArrayBufferWriter<byte>(page.Items.Sum(i => i.Length) + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("items");
            foreach (var item in page.Items)
            {
                // The snapshot's bytes were written by System.Text.Json from a parsed document: valid by construction.
                writer.WriteRawValue(item, skipInputValidation: true);
            }
            writer.WriteEndArray();
            writer.WriteNumber("totalItems", page.TotalItems);
            writer.WriteStartObject("pageInfo");
            if (page.Prev is not null)
            {
                writer.WriteString("prevCursor", page.Prev.Encode());
            }
            if (page.Next is not null)
            {
                writer.WriteString("nextCursor", page.Next.Encode());
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Results.Bytes(buffer.WrittenMemory, "application/json; charset=utf-8");
    }
}
