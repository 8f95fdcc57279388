using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Catalog.Query;

/// <summary>
/// Backstage's filter predicates (@backstage/filter-predicates, as plugin-catalog-backend 4.0.5 reads a body
/// <c>query</c>): <c>{"$all": [..]}</c>, <c>{"$any": [..]}</c>, <c>{"$not": ..}</c>, or fields that must all hold,
/// each a primitive (equal, case-insensitive) or one of <c>$exists</c>, <c>$in</c>, <c>$hasPrefix</c>, <c>$contains</c>.
/// </summary>
public abstract record FilterPredicate
{
    /// <summary>The predicate as the client sent it, carried in cursors and cache keys.</summary>
    public string Json { get; init; } = "{}";

    /// <exception cref="FormatException">Backstage's message: the schema's (<c>Invalid query: …</c>) or the SQL translation's.</exception>
    public static FilterPredicate Parse(JsonNode? node) => Parse(node, "Invalid query: ", "");

    /// <param name="schemaPrefix">What Backstage says before the schema's message (by-refs: <c>Malformed request body …, </c>).</param>
    /// <param name="path">Where the predicate sits in the validated object (by-refs validates the body: <c>query</c>).</param>
    public static FilterPredicate Parse(JsonNode? node, string schemaPrefix, string path)
    {
        // As Backstage: the whole predicate passes the schema first, then translation raises its own errors.
        FilterPredicate parsed;
        try
        {
            parsed = FilterPredicateSchema.Predicate(node, path);
        }
        catch (FormatException ex)
        {
            throw new FormatException(schemaPrefix + ex.Message, ex);
        }
        return parsed.Resolve() with { Json = node?.ToJsonString() ?? "null" };
    }

    public static FilterPredicate Parse(string json) => Parse(JsonNode.Parse(json));

    /// <summary>The checks and <c>$contains</c> forms Backstage resolves while translating to SQL.</summary>
    internal abstract FilterPredicate Resolve();
}

public sealed record AllPredicate(IReadOnlyList<FilterPredicate> Items) : FilterPredicate
{
    internal override FilterPredicate Resolve() => this with { Items = [.. Items.Select(i => i.Resolve())] };
}

public sealed record AnyPredicate(IReadOnlyList<FilterPredicate> Items) : FilterPredicate
{
    internal override FilterPredicate Resolve() => this with { Items = [.. Items.Select(i => i.Resolve())] };
}

public sealed record NotPredicate(FilterPredicate Inner) : FilterPredicate
{
    internal override FilterPredicate Resolve() => this with { Inner = Inner.Resolve() };
}

/// <summary>Fields that must all hold; keys lowercase (an empty list matches everything).</summary>
public sealed record FieldsPredicate(IReadOnlyList<FieldCondition> Fields) : FilterPredicate
{
    internal override FilterPredicate Resolve() => this with { Fields = [.. Fields.Select(f => f.Resolve())] };
}

public enum FieldOperator { Equals, Exists, In, HasPrefix, ContainsRelation }

/// <summary>
/// One field condition: <see cref="Values"/> are lowercase (one for Equals/HasPrefix, any number for In and the
/// relation targets of ContainsRelation, where <see cref="Key"/> becomes <c>relations.&lt;type&gt;</c>).
/// </summary>
public sealed record FieldCondition(string Key, FieldOperator Operator, IReadOnlyList<string> Values, bool Exists = true)
{
    /// <summary>The raw <c>$contains</c> target, checked at translation as Backstage does.</summary>
    internal JsonNode? ContainsTarget { get; init; }

    internal FieldCondition Resolve() => ContainsTarget is { } target ? Contains(Key, target) : this;

    /// <summary>A <c>$contains</c> condition resolved: a primitive is equality, an object on <c>relations</c> a relation.</summary>
    internal static FieldCondition Contains(string key, JsonNode? target) => target switch
    {
        JsonValue value => new FieldCondition(key, FieldOperator.Equals, [FilterPredicateSchema.Text(value).ToLowerInvariant()]),
        JsonObject relation when key == "relations" => Relation(relation),
        JsonObject => throw new FormatException($"Object form of $contains is not supported for field \"{key}\""),
        _ => throw new FormatException($"Unsupported $contains target for field \"{key}\": {target?.ToJsonString() ?? "null"}"),
    };

    /// <summary>Backstage's applyContainsRelation: <c>{type, targetRef?}</c>, targetRef a string or <c>{$in: [strings]}</c>.</summary>
    private static FieldCondition Relation(JsonObject target)
    {
        string? type = null;
        List<string>? targets = null;
        foreach (var (rawKey, value) in target)
        {
            switch (rawKey.ToLowerInvariant())
            {
                case "type" when type is not null:
                    throw new FormatException($"Duplicate key \"{rawKey}\" in $contains for \"relations\"");
                case "type":
                    type = value is JsonValue v && v.GetValueKind() == JsonValueKind.String
                        ? v.GetValue<string>()
                        : throw new FormatException("The $contains operator for \"relations\" requires a \"type\" string property");
                    break;
                case "targetref" when targets is not null:
                    throw new FormatException($"Duplicate key \"{rawKey}\" in $contains for \"relations\"");
                case "targetref":
                    targets = RelationTargets(value);
                    break;
                default:
                    throw new FormatException($"Unsupported key \"{rawKey}\" in $contains for \"relations\". Only \"type\" and \"targetRef\" are supported");
            }
        }
        if (string.IsNullOrEmpty(type))
        {
            throw new FormatException("The $contains operator for \"relations\" requires a \"type\" string property");
        }
        var key = "relations." + type.ToLowerInvariant();
        return targets is null ? new FieldCondition(key, FieldOperator.Exists, []) : new FieldCondition(key, FieldOperator.In, targets);
    }

    private static List<string> RelationTargets(JsonNode? value)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            return [v.GetValue<string>().ToLowerInvariant()];
        }
        if (value is JsonObject { Count: 1 } o && o["$in"] is JsonArray items && items.All(i => i?.GetValueKind() == JsonValueKind.String))
        {
            return items.Count == 0
                ? throw new FormatException("Empty \"$in\" array for $contains on \"relations\" is not allowed")
                : [.. items.Select(i => i!.GetValue<string>().ToLowerInvariant())];
        }
        throw new FormatException(
            $"Unsupported value in $contains for \"relations\": expected a string or {{ \"$in\": [strings] }}, but got {value?.ToJsonString() ?? "null"}");
    }
}
