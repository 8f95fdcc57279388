using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Fawkes.Portal.Features.Catalog.Yaml;

/// <summary>
/// Builds JSON nodes straight from YamlDotNet's flat event stream, in one pass and without recursion: the nesting
/// depth is a counter (deep input gives an error, never a stack overflow), and an alias is a copy of its anchor's
/// node, paid for from the alias budget before it is made. This replaced a depth-check pass followed by YamlStream
/// (two full parses plus a node tree per file), which was most of a bulk ingestion's reading time.
/// </summary>
internal sealed class YamlJsonBuilder(int maxAliasNodes, int maxDepth)
{
    /// <summary>An anchored node: its height and node count decide what pasting it through an alias costs.</summary>
    private sealed record Anchored(JsonNode? Node, int Height, int Nodes, bool Open);

    /// <summary>An open mapping or sequence: its node, path, the key awaiting its value, and what it has so far.</summary>
    private sealed class Frame(JsonNode node, string path, string? anchor, Mark start)
    {
        public JsonNode Node { get; } = node;
        public string Path { get; } = path;
        public string? Anchor { get; } = anchor;
        public Mark Start { get; } = start;
        public string? Key { get; set; }
        public Mark KeyMark { get; set; }
        public bool ExpectingKey { get; set; } = node is JsonObject;
        public int Index { get; set; }
        public int Height { get; set; }
        public int Nodes { get; set; } = 1;
    }

    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
    private readonly List<Frame> _stack = [];
    private int _aliasNodesUsed;
    private Dictionary<string, (int, int)> _marks = new(StringComparer.Ordinal);
    private JsonNode? _root;
    private int _rootLine;

    public List<YamlDocument> Documents { get; } = [];

    /// <exception cref="YamlStructureException">Too deep, an alias bomb, a duplicate key or an unknown alias.</exception>
    public void Build(IParser parser)
    {
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case DocumentStart:
                    _marks = new(StringComparer.Ordinal);
                    _anchors.Clear();
                    (_root, _rootLine) = (null, (int)parser.Current.Start.Line);
                    break;
                case DocumentEnd:
                    Documents.Add(new YamlDocument(_root, _rootLine, _marks));
                    break;
                case MappingStart map:
                    Open(new JsonObject(), map.Anchor, map.Start);
                    break;
                case SequenceStart seq:
                    Open(new JsonArray(), seq.Anchor, seq.Start);
                    break;
                case MappingEnd or SequenceEnd:
                    Close();
                    break;
                case Scalar scalar:
                    OnScalar(scalar);
                    break;
                case AnchorAlias alias:
                    OnAlias(alias);
                    break;
            }
        }
    }

    private void Open(JsonNode node, AnchorName anchor, Mark start)
    {
        if (_stack.Count >= maxDepth)
        {
            throw new YamlStructureException(DepthProblem(maxDepth, (int)start.Line, (int)start.Column));
        }
        var path = PathOfNextValue(start);
        var name = anchor.IsEmpty ? null : anchor.Value;
        if (name is not null)
        {
            _anchors[name] = new Anchored(null, 0, 0, Open: true);
        }
        _stack.Add(new Frame(node, path, name, start));
    }

    private void Close()
    {
        var frame = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        if (frame.Anchor is { } name)
        {
            _anchors[name] = new Anchored(frame.Node, frame.Height + 1, frame.Nodes, Open: false);
        }
        Place(frame.Node, frame.Height + 1, frame.Nodes, frame.Start);
    }

    private void OnScalar(Scalar scalar)
    {
        var parent = _stack.Count > 0 ? _stack[^1] : null;
        if (parent is { Node: JsonObject, ExpectingKey: true })
        {
            parent.Key = scalar.Value ?? "";
            parent.KeyMark = scalar.Start;
            if (!scalar.Anchor.IsEmpty)
            {
                _anchors[scalar.Anchor.Value] = new Anchored(JsonValue.Create(parent.Key), 0, 1, Open: false);
            }
            parent.ExpectingKey = false;
            if (((JsonObject)parent.Node).ContainsKey(parent.Key))
            {
                throw Malformed($"Duplicate key '{parent.Key}'", scalar.Start);
            }
            return;
        }
        var value = YamlScalars.ToJson(scalar.Value ?? "", scalar.Style);
        PathOfNextValue(scalar.Start);
        if (!scalar.Anchor.IsEmpty)
        {
            _anchors[scalar.Anchor.Value] = new Anchored(value, 0, 1, Open: false);
        }
        Place(value, 0, 1, scalar.Start);
    }

    private void OnAlias(AnchorAlias alias)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
        {
            throw Malformed($"Alias *{alias.Value.Value} refers to no anchor defined before it", alias.Start);
        }
        if (anchored.Open)
        {
            throw Malformed($"Alias *{alias.Value.Value} is inside the node it names (a recursive structure)", alias.Start);
        }
        if (_stack.Count + anchored.Height > maxDepth)
        {
            throw new YamlStructureException(DepthProblem(maxDepth, (int)alias.Start.Line, (int)alias.Start.Column));
        }
        // Every node the alias pastes is an added node; the budget is checked before the copy is made.
        _aliasNodesUsed += anchored.Nodes;
        if (_aliasNodesUsed > maxAliasNodes)
        {
            throw new YamlStructureException(new SourceProblem(
                $"YAML aliases expand to more than {maxAliasNodes:N0} added nodes (Catalog alias limit); refusing it as a possible alias bomb (\"billion laughs\").",
                (int)alias.Start.Line, (int)alias.Start.Column));
        }
        var parent = _stack.Count > 0 ? _stack[^1] : null;
        if (parent is { Node: JsonObject, ExpectingKey: true })
        {
            parent.Key = KeyText(anchored.Node);
            parent.KeyMark = alias.Start;
            parent.ExpectingKey = false;
            return;
        }
        PathOfNextValue(alias.Start);
        Place(anchored.Node?.DeepClone(), anchored.Height, anchored.Nodes, alias.Start);
    }

    /// <summary>The path the next value gets, recording its position (a mapping value's position is its key's).</summary>
    private string PathOfNextValue(Mark start)
    {
        if (_stack.Count == 0)
        {
            _rootLine = (int)start.Line; // a document is where its root node starts, not its '---'
            _marks.TryAdd("", ((int)start.Line, (int)start.Column));
            return "";
        }
        var parent = _stack[^1];
        if (parent.Node is JsonObject)
        {
            if (parent.ExpectingKey)
            {
                return parent.Path; // the parts of a complex key have no paths of their own
            }
            var childPath = parent.Path.Length == 0 ? parent.Key! : $"{parent.Path}.{parent.Key}";
            _marks.TryAdd(childPath, ((int)parent.KeyMark.Line, (int)parent.KeyMark.Column));
            return childPath;
        }
        var itemPath = $"{parent.Path}[{parent.Index}]";
        _marks.TryAdd(itemPath, ((int)start.Line, (int)start.Column));
        return itemPath;
    }

    private void Place(JsonNode? node, int height, int nodes, Mark start)
    {
        if (_stack.Count == 0)
        {
            _root = node;
            return;
        }
        var parent = _stack[^1];
        parent.Height = Math.Max(parent.Height, height);
        parent.Nodes += nodes;
        switch (parent.Node)
        {
            case JsonObject obj when parent.ExpectingKey:
                // A mapping or sequence as a key (rare, "? [a, b]"): its JSON text is the key.
                parent.Key = KeyText(node);
                parent.KeyMark = start;
                parent.ExpectingKey = false;
                if (obj.ContainsKey(parent.Key))
                {
                    throw Malformed($"Duplicate key '{parent.Key}'", start);
                }
                break;
            case JsonObject obj:
                if (!obj.TryAdd(parent.Key!, node))
                {
                    throw Malformed($"Duplicate key '{parent.Key}'", parent.KeyMark);
                }
                parent.ExpectingKey = true;
                break;
            case JsonArray array:
                array.Add(node);
                parent.Index++;
                break;
        }
    }

    private static string KeyText(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    public static SourceProblem DepthProblem(int maxDepth, int line, int column) =>
        new($"YAML nesting deeper than {maxDepth} levels; flatten the structure (the limit protects the portal from crafted files).", line, column);

    private static YamlStructureException Malformed(string message, Mark at) =>
        new(new SourceProblem($"Malformed YAML: {message}.", (int)at.Line, (int)at.Column));
}

/// <summary>The YAML is well-formed for the parser but not accepted (depth, aliases, duplicate keys).</summary>
internal sealed class YamlStructureException(SourceProblem problem) : Exception(problem.Message)
{
    public SourceProblem Problem { get; } = problem;
}
