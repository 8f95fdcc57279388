using System.Text.Json.Nodes;
using YamlDotNet.Core;

namespace Fawkes.Portal.Features.Catalog.Yaml;

/// <summary>A problem in a catalog file, with where it is.</summary>
public sealed record SourceProblem(string Message, int? Line = null, int? Column = null, string? Field = null)
{
    public string Describe(string source) =>
        $"{source}{(Line is { } l ? $" line {l}" : "")}{(Column is { } c && Line is not null ? $", column {c}" : "")}: {Message}";
}

/// <summary>One YAML document as JSON, with the line and column of every field path for error messages.</summary>
public sealed record YamlDocument(JsonNode? Root, int Line, IReadOnlyDictionary<string, (int Line, int Column)> Marks)
{
    /// <summary>The line of a field, or of its nearest parent that exists (a missing field is reported at its parent).</summary>
    public int LineOf(string path)
    {
        for (var p = path; ; p = Parent(p))
        {
            if (Marks.TryGetValue(p, out var mark))
            {
                return mark.Line;
            }
            if (p.Length == 0)
            {
                return Line;
            }
        }
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut < 0 ? "" : path[..cut];
    }
}

public sealed record YamlReadResult(IReadOnlyList<YamlDocument> Documents, SourceProblem? Error);

/// <summary>
/// Reads multi-document YAML into JSON nodes. Bounded: files over <see cref="MaxBytes"/> are refused, the nodes that
/// aliases add are capped at <see cref="MaxAliasNodes"/> so a "billion laughs" file cannot exhaust memory (nodes written
/// out in the file are bounded by its size, so a large generated catalog is read whole), and nesting deeper than
/// <see cref="MaxDepth"/> is refused as it is met (no recursion, so deep input cannot overflow the stack).
/// </summary>
public static class CatalogYamlReader
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxAliasNodes = 100_000;
    public const int MaxDepth = 64;

    public static YamlReadResult Read(string text, int maxBytes = MaxBytes, int maxAliasNodes = MaxAliasNodes, int maxDepth = MaxDepth)
    {
        ArgumentNullException.ThrowIfNull(text);
        var size = System.Text.Encoding.UTF8.GetByteCount(text);
        if (size > maxBytes)
        {
            return new([], new SourceProblem($"File is {size:N0} bytes, over the limit of {maxBytes:N0} bytes (Catalog:MaxFileBytes)."));
        }
        var builder = new YamlJsonBuilder(maxAliasNodes, maxDepth);
        try
        {
            builder.Build(new Parser(new StringReader(text)));
        }
        catch (YamlStructureException ex)
        {
            return new([], ex.Problem);
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            return new([], new SourceProblem($"Malformed YAML: {CleanMessage(message)}", (int)ex.Start.Line, (int)ex.Start.Column));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner can fail without a position on some inputs; find the last good token for one.
            var (line, column) = LastGoodPosition(text);
            return new([], new SourceProblem("Malformed YAML: the structure is broken (an unclosed bracket, quote or bad indentation) near here.", line, column));
        }
        return new(builder.Documents, null);
    }

    private static (int Line, int Column) LastGoodPosition(string text)
    {
        var parser = new Parser(new StringReader(text));
        Mark last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                last = parser.Current!.End;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or YamlException)
        {
            // Expected: the same input fails again; 'last' is as far as it got.
        }
        return ((int)last.Line, (int)last.Column);
    }

    private static string CleanMessage(string message) => message.Replace("\r", "", StringComparison.Ordinal).Split('\n')[0].Trim();
}
