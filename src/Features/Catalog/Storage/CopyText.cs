using System.Buffers;

namespace Fawkes.Portal.Features.Catalog.Storage;

/// <summary>
/// Rows in PostgreSQL's COPY text format (tab-separated, <c>\N</c> for null, backslash escapes). For rows of short
/// strings it costs the client a fraction of the binary importer's per-value work (a parameter bind per value), and
/// the server parses text columns as cheaply either way.
/// </summary>
internal static class CopyText
{
    private static readonly SearchValues<char> Special = SearchValues.Create("\\\t\n\r");

    public static void Row(TextWriter writer, params ReadOnlySpan<string?> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                writer.Write('\t');
            }
            Field(writer, values[i]);
        }
        writer.Write('\n');
    }

    private static void Field(TextWriter writer, string? value)
    {
        if (value is null)
        {
            writer.Write("\\N");
            return;
        }
        var rest = value.AsSpan();
        for (var at = rest.IndexOfAny(Special); at >= 0; at = rest.IndexOfAny(Special))
        {
            writer.Write(rest[..at]);
            writer.Write(rest[at] switch
            {
                '\\' => "\\\\",
                '\t' => "\\t",
                '\n' => "\\n",
                _ => "\\r",
            });
            rest = rest[(at + 1)..];
        }
        writer.Write(rest);
    }
}
