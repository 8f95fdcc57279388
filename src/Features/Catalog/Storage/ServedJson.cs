using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Catalog.Storage;

/// <summary>
/// An entity's JSON as served: the entity with <c>metadata.uid</c> and <c>metadata.etag</c> set, byte for byte what
/// setting them on a copy and calling <c>ToJsonString()</c> gives (an existing key keeps its place, a new one is
/// appended, uid before etag), written in one pass without copying the entity.
/// </summary>
public static class ServedJson
{
    public static string Write(JsonObject entity, string uid, string etag)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in entity)
            {
                writer.WritePropertyName(key);
                if (key == "metadata" && value is JsonObject metadata)
                {
                    WriteMetadata(writer, metadata, uid, etag);
                }
                else
                {
                    WriteValue(writer, value);
                }
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteMetadata(Utf8JsonWriter writer, JsonObject metadata, string uid, string etag)
    {
        writer.WriteStartObject();
        bool hasUid = false, hasEtag = false;
        foreach (var (key, value) in metadata)
        {
            switch (key)
            {
                case "uid":
                    writer.WriteString(key, uid);
                    hasUid = true;
                    break;
                case "etag":
                    writer.WriteString(key, etag);
                    hasEtag = true;
                    break;
                default:
                    writer.WritePropertyName(key);
                    WriteValue(writer, value);
                    break;
            }
        }
        if (!hasUid)
        {
            writer.WriteString("uid", uid);
        }
        if (!hasEtag)
        {
            writer.WriteString("etag", etag);
        }
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonNode? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }
}
