using System.Text.Json.Nodes;

namespace Fawkes.Portal.Simulators.Jenkins;

/// <summary>
/// Jenkins' <c>tree</c> query parameter: <c>a,b[c,d[e]]{0,20}</c> keeps only the named fields, nested, and a range of an array.
/// Applied as Jenkins does, so a field the portal forgets to ask for is missing here too (and the tests notice).
/// </summary>
internal static class SimTree
{
    public static JsonNode Apply(JsonNode node, string? tree) =>
        string.IsNullOrWhiteSpace(tree) ? node : Select(node, Parse(tree, 0, out _));

    private sealed record Field(string Name, List<Field>? Children, int? From, int? To);

    private static JsonNode Select(JsonNode node, List<Field> fields)
    {
        if (node is JsonArray array)
        {
            return new JsonArray([.. array.Select(item => item is null ? null : Select(item, fields))]);
        }
        if (node is not JsonObject obj)
        {
            return node.DeepClone();
        }
        var result = new JsonObject();
        if (obj["_class"] is { } cls)
        {
            result["_class"] = cls.DeepClone();
        }
        foreach (var field in fields)
        {
            if (!obj.TryGetPropertyValue(field.Name, out var value))
            {
                continue;
            }
            if (value is JsonArray items && (field.From is not null || field.To is not null))
            {
                value = new JsonArray([.. items.Skip(field.From ?? 0).Take((field.To ?? items.Count) - (field.From ?? 0)).Select(i => i?.DeepClone())]);
            }
            result[field.Name] = value is null ? null : field.Children is null ? value.DeepClone() : Select(value, field.Children);
        }
        return result;
    }

    private static List<Field> Parse(string tree, int start, out int end)
    {
        var fields = new List<Field>();
        var i = start;
        while (i < tree.Length && tree[i] != ']')
        {
            var nameStart = i;
            while (i < tree.Length && tree[i] is not (',' or '[' or ']' or '{'))
            {
                i++;
            }
            var name = tree[nameStart..i].Trim();
            List<Field>? children = null;
            int? from = null, to = null;
            if (i < tree.Length && tree[i] == '[')
            {
                children = Parse(tree, i + 1, out i);
                i++; // ']'
            }
            if (i < tree.Length && tree[i] == '{')
            {
                var close = tree.IndexOf('}', i);
                var range = tree[(i + 1)..close].Split(',');
                from = int.TryParse(range[0], out var f) ? f : null;
                to = range.Length > 1 && int.TryParse(range[1], out var t) ? t : from + 1;
                i = close + 1;
            }
            if (name.Length > 0)
            {
                fields.Add(new Field(name, children, from, to));
            }
            if (i < tree.Length && tree[i] == ',')
            {
                i++;
            }
        }
        end = i;
        return fields;
    }
}
