using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Catalog.Query;

/// <summary>
/// The schema of @backstage/filter-predicates (its zod schema, as the catalog backend applies it): what it accepts and,
/// of several matching forms, which one wins (the first: <c>$exists</c>, <c>$in</c>, <c>$contains</c>, <c>$hasPrefix</c>;
/// other keys beside it are dropped). Messages start as Backstage's (<c>Invalid query: Validation error: </c>); simple
/// cases use zod's wording (<c>Expected object, received string</c>, <c>Invalid at "$foo"</c>), deeper ones say plainly
/// what is wrong and where. The caller puts its own words before them (<see cref="FilterPredicate.Parse(JsonNode?, string, string)"/>).
/// </summary>
internal static class FilterPredicateSchema
{
    private const string Prefix = "Validation error: ";
    private static readonly string[] Operators = ["$all", "$any", "$not"];

    public static FilterPredicate Predicate(JsonNode? node, string path, bool allowPrimitive = false)
    {
        if (allowPrimitive && node is JsonValue primitive && IsPrimitive(primitive))
        {
            return new FieldsPredicate([]);
        }
        if (node is not JsonObject obj)
        {
            throw Error($"Expected object, received {TypeOf(node)}", path);
        }
        var operatorKeys = obj.Select(p => p.Key).Where(k => k.StartsWith('$')).ToList();
        if (operatorKeys.Count == 0)
        {
            return new FieldsPredicate([.. obj.Select(p => Field(p.Key, p.Value, Join(path, p.Key)))]);
        }
        if (operatorKeys.Count < obj.Count)
        {
            var others = obj.Select(p => p.Key).Where(k => !k.StartsWith('$'));
            throw Error($"Unrecognized key(s) in object: {string.Join(", ", others.Select(k => $"'{k}'"))}", path);
        }
        var key = operatorKeys[0];
        if (obj.Count > 1 || !Operators.Contains(key))
        {
            throw Error("Invalid", Join(path, obj.Count > 1 && Operators.Contains(key) ? operatorKeys[1] : key));
        }
        var value = obj[key];
        if (key == "$not")
        {
            // zod reports a $not that holds no object at all (or, below, an $all/$any without an array) as "Invalid at".
            return value is JsonObject || (allowPrimitive && value is JsonValue)
                ? new NotPredicate(Predicate(value, Join(path, key), allowPrimitive))
                : throw Error("Invalid", Join(path, key));
        }
        if (value is not JsonArray items)
        {
            throw Error("Invalid", Join(path, key));
        }
        List<FilterPredicate> parsed = [.. items.Select((item, i) => Predicate(item, $"{Join(path, key)}[{i}]", allowPrimitive))];
        return key == "$all" ? new AllPredicate(parsed) : new AnyPredicate(parsed);
    }

    private static FieldCondition Field(string rawKey, JsonNode? value, string path)
    {
        // The schema's key pattern ^(?:[^$\n\r].*)?$: no line breaks (and '$' first is an operator).
        if (rawKey.Contains('\n', StringComparison.Ordinal) || rawKey.Contains('\r', StringComparison.Ordinal))
        {
            throw Error("Invalid", path);
        }
        var key = rawKey.ToLowerInvariant();
        if (value is JsonValue v && IsPrimitive(v))
        {
            return new FieldCondition(key, FieldOperator.Equals, [Text(v).ToLowerInvariant()]);
        }
        if (value is JsonObject o)
        {
            if (o["$exists"] is JsonValue exists && exists.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                return new FieldCondition(key, FieldOperator.Exists, [], exists.GetValue<bool>());
            }
            if (o["$in"] is JsonArray list && list.All(i => i is JsonValue iv && IsPrimitive(iv)))
            {
                return new FieldCondition(key, FieldOperator.In, [.. list.Select(i => Text((JsonValue)i!).ToLowerInvariant())]);
            }
            if (o.ContainsKey("$contains") && IsAnyPredicate(o["$contains"], path + ".$contains"))
            {
                return new FieldCondition(key, FieldOperator.Equals, []) { ContainsTarget = o["$contains"] };
            }
            if (o["$hasPrefix"] is JsonValue prefix && prefix.GetValueKind() == JsonValueKind.String)
            {
                return new FieldCondition(key, FieldOperator.HasPrefix, [prefix.GetValue<string>().ToLowerInvariant()]);
            }
        }
        throw Error(
            $"Expected a string, number, boolean, {{$exists: boolean}}, {{$in: [primitives]}}, {{$contains: predicate}} or {{$hasPrefix: string}}, received {TypeOf(value)}",
            path);
    }

    private static bool IsAnyPredicate(JsonNode? node, string path)
    {
        try
        {
            Predicate(node, path, allowPrimitive: true);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool IsPrimitive(JsonValue value) =>
        value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    /// <summary>JavaScript's <c>String(value)</c> for a JSON primitive.</summary>
    public static string Text(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetValue<double>() is var d && d == Math.Floor(d) && Math.Abs(d) < 1e21
            ? d.ToString("F0", CultureInfo.InvariantCulture)
            : value.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
    };

    private static string TypeOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "array",
        JsonObject => "object",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
        _ => "unknown",
    };

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static FormatException Error(string message, string path) =>
        new(Prefix + message + (path.Length == 0 ? "" : $" at \"{path}\""));
}
