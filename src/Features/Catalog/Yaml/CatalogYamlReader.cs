using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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
/// <see cref="MaxDepth"/> is refused before any node is built, so deep input cannot overflow the stack.
/// </summary>
public static partial class CatalogYamlReader
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
        // YamlStream builds nodes recursively: the flat event stream is checked first, with a counter, not recursion.
        if (YamlDepthGuard.Check(text, maxDepth) is { } tooDeep)
        {
            return new([], tooDeep);
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
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

        var documents = new List<YamlDocument>();
        var budget = new AliasBudget(maxAliasNodes);
        foreach (var doc in stream.Documents)
        {
            var marks = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
            try
            {
                var root = Convert(doc.RootNode, "", marks, budget, expanding: false, maxDepth);
                documents.Add(new YamlDocument(root, (int)doc.RootNode.Start.Line, marks));
            }
            catch (NodeBudgetExceededException)
            {
                return new([], new SourceProblem(
                    $"YAML aliases expand to more than {maxAliasNodes:N0} added nodes (Catalog alias limit); refusing it as a possible alias bomb (\"billion laughs\").",
                    (int)doc.RootNode.Start.Line, (int)doc.RootNode.Start.Column));
            }
            catch (DepthExceededException ex)
            {
                // Only reachable through aliases: an anchor pasted deep inside another structure.
                return new([], YamlDepthGuard.Problem(maxDepth, ex.Line, ex.Column));
            }
        }
        return new(documents, null);
    }

    private static JsonNode? Convert(YamlNode node, string path, Dictionary<string, (int, int)> marks, AliasBudget budget, bool expanding, int depthLeft)
    {
        expanding = expanding || budget.IsRepeat(node);
        if (expanding && --budget.Left < 0)
        {
            throw new NodeBudgetExceededException();
        }
        if (node is YamlMappingNode or YamlSequenceNode && --depthLeft < 0)
        {
            throw new DepthExceededException((int)node.Start.Line, (int)node.Start.Column);
        }
        marks.TryAdd(path, ((int)node.Start.Line, (int)node.Start.Column));
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in map.Children)
                {
                    var key = keyNode is YamlScalarNode s ? s.Value ?? "" : keyNode.ToString();
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    // The key's line is where a person looks for the field.
                    marks.TryAdd(childPath, ((int)keyNode.Start.Line, (int)keyNode.Start.Column));
                    obj[key] = Convert(valueNode, childPath, marks, budget, expanding, depthLeft);
                }
                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                var i = 0;
                foreach (var item in seq.Children)
                {
                    array.Add(Convert(item, $"{path}[{i++}]", marks, budget, expanding, depthLeft));
                }
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    /// <summary>YAML 1.2 core schema for plain scalars; quoted scalars are always strings.</summary>
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(value);
        }
        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }
        if (value is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }
        if (value is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }
        if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }
        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }
        return JsonValue.Create(value);
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

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    private sealed class NodeBudgetExceededException : Exception;

    /// <summary>
    /// How many more nodes aliases may add. YamlStream resolves an alias to the very node its anchor names, so meeting
    /// an anchored node a second time means an alias is being expanded: that node and everything below it are added
    /// nodes. Nodes written out in the file are not counted (the file-size and depth limits bound those).
    /// </summary>
    private sealed class AliasBudget(int left)
    {
        private readonly HashSet<YamlNode> _anchored = new(ReferenceEqualityComparer.Instance);

        public int Left { get; set; } = left;

        public bool IsRepeat(YamlNode node) => !node.Anchor.IsEmpty && !_anchored.Add(node);
    }

    private sealed class DepthExceededException(int line, int column) : Exception
    {
        public int Line { get; } = line;
        public int Column { get; } = column;
    }
}
