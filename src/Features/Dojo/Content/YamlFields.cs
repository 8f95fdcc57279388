using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Fawkes.Portal.Features.Dojo.Content;

/// <summary>
/// Reads typed fields out of YAML nodes and records a <see cref="ContentError"/> with the file line for every field that
/// is missing or of the wrong type, so a content author is told exactly where to look.
/// </summary>
internal sealed class YamlFields(string file, int lineOffset, List<ContentError> errors)
{
    public string File { get; } = file;

    /// <summary>Parses one YAML document; null (with an error) when it is not valid YAML or not a mapping.</summary>
    public YamlMappingNode? Parse(string text)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            var stream = new YamlStream();
            stream.Load(parser);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                Error(1 + lineOffset, "expected a YAML mapping (key: value lines)");
                return null;
            }
            return root;
        }
        catch (YamlException ex)
        {
            Error((int)ex.Start.Line + lineOffset, $"invalid YAML: {ex.InnerException?.Message ?? ex.Message}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this for some unclosed flow collections; the last event read is next to the mistake.
            var line = parser.Current is { } current ? (int)current.End.Line : 1;
            Error(line + lineOffset, "invalid YAML: an unclosed [ or { (or a stray character) near here");
            return null;
        }
    }

    public int Line(YamlNode node) => (int)node.Start.Line + lineOffset;

    public void Error(int line, string message) => errors.Add(new ContentError(File, line, message));

    public void Error(YamlNode node, string message) => Error(Line(node), message);

    public static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public string? String(YamlMappingNode map, string key, bool required)
    {
        switch (Get(map, key))
        {
            case YamlScalarNode { Value: { Length: > 0 } value }:
                return value.Trim();
            case null or YamlScalarNode when required:
                Error(map, $"'{key}' is required");
                return null;
            case null or YamlScalarNode:
                return null;
            case var other:
                Error(other, $"'{key}' must be text");
                return null;
        }
    }

    public int? Int(YamlMappingNode map, string key, bool required)
    {
        var node = Get(map, key);
        if (node is YamlScalarNode { Value: { } v } && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            return i;
        }
        if (node is not null || required)
        {
            Error(node ?? map, node is null ? $"'{key}' is required" : $"'{key}' must be a whole number");
        }
        return null;
    }

    public bool? Bool(YamlMappingNode map, string key)
    {
        var node = Get(map, key);
        if (node is null)
        {
            return null;
        }
        if (node is YamlScalarNode { Value: { } v } && bool.TryParse(v, out var b))
        {
            return b;
        }
        Error(node, $"'{key}' must be true or false");
        return null;
    }

    /// <summary>A list of texts; a single text is accepted as a list of one. Missing is an empty list.</summary>
    public IReadOnlyList<string> Strings(YamlMappingNode map, string key, bool required = false)
    {
        switch (Get(map, key))
        {
            case null when required:
                Error(map, $"'{key}' is required");
                return [];
            case null:
                return [];
            case YamlSequenceNode seq:
                var list = new List<string>();
                foreach (var item in seq)
                {
                    if (item is YamlScalarNode { Value: { Length: > 0 } s })
                    {
                        list.Add(s.Trim());
                    }
                    else
                    {
                        Error(item, $"'{key}' must be a list of texts");
                    }
                }
                return list;
            case YamlScalarNode { Value: { Length: > 0 } one }:
                return [one.Trim()];
            case var other:
                Error(other, $"'{key}' must be a list of texts");
                return [];
        }
    }

    public IEnumerable<YamlMappingNode> Mappings(YamlMappingNode map, string key, bool required)
    {
        switch (Get(map, key))
        {
            case YamlSequenceNode seq:
                foreach (var item in seq)
                {
                    if (item is YamlMappingNode m)
                    {
                        yield return m;
                    }
                    else
                    {
                        Error(item, $"each entry of '{key}' must be a mapping (key: value lines)");
                    }
                }
                break;
            case null when required:
                Error(map, $"'{key}' is required");
                break;
            case null:
                break;
            case var other:
                Error(other, $"'{key}' must be a list");
                break;
        }
    }

    /// <summary>Keys not in the allowed set are errors: a typo (<c>minuts:</c>) must not be silently ignored.</summary>
    public void OnlyKeys(YamlMappingNode map, string where, params string[] allowed)
    {
        foreach (var (key, _) in map.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                Error(key, $"unknown field '{name}' in {where} (allowed: {string.Join(", ", allowed)})");
            }
        }
    }
}
