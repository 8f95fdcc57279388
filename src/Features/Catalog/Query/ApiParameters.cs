using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Fawkes.Portal.Features.Catalog.Query;

/// <summary>
/// Query parameters of the entity endpoints, checked as Backstage checks them (its OpenAPI validator, then its
/// parsers): unknown or empty parameters, non-integer or negative limits and offsets, bad orders are refused with a
/// <see cref="FormatException"/> whose message is Backstage's.
/// </summary>
public static partial class ApiParameters
{
    public static readonly string[] Entities = ["fields", "limit", "filter", "offset", "after", "order"];
    public static readonly string[] ByQuery = ["fields", "limit", "offset", "orderField", "cursor", "filter", "totalItems", "fullTextFilterTerm", "fullTextFilterFields"];
    public static readonly string[] Facets = ["facet", "filter"];

    public static void Check(IQueryCollection query, IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach (var (name, values) in query)
        {
            if (!allowed.Contains(name))
            {
                throw new FormatException($"Unknown query parameter '{name}'");
            }
            if (values.Any(string.IsNullOrEmpty))
            {
                throw new FormatException($"Empty value found for query parameter '{name}'");
            }
        }
    }

    /// <summary>An integer of at least <paramref name="minimum"/>, or null when absent.</summary>
    public static int? Integer(IQueryCollection query, string name, int minimum = 0)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query[name].LastOrDefault() is not { } text)
        {
            return null;
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"request/query/{name} must be integer");
        }
        if (value < minimum)
        {
            throw new FormatException($"request/query/{name} must be >= {minimum}");
        }
        return (int)Math.Min(value, int.MaxValue);
    }

    /// <summary>Comma-separated lists in one or more parameters, trimmed, without empties; null when absent.</summary>
    public static IReadOnlyList<string>? List(IQueryCollection query, string name)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.TryGetValue(name, out var values)
            ? [.. values.SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0)]
            : null;
    }

    public static IReadOnlyList<string> Fields(IQueryCollection query)
    {
        var fields = List(query, "fields") ?? [];
        if (fields.FirstOrDefault(f => f.Contains('[', StringComparison.Ordinal)) is { } arrayField)
        {
            throw new FormatException($"Invalid field \"{arrayField}\", array type fields are not supported");
        }
        return [.. fields.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>GET /entities <c>order=asc:field</c> (repeatable); the field is kept as written.</summary>
    public static IReadOnlyList<OrderField> Order(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return [.. query["order"].Select(o => OrderPattern().Match(o ?? "") is { Success: true } m
            ? new OrderField(m.Groups[2].Value, m.Groups[1].Value == "asc")
            : throw new FormatException($"Invalid order parameter \"{o}\", expected \"<asc or desc>:<field name>\""))];
    }

    /// <summary>by-query <c>orderField=field[,asc|desc]</c>: only the first counts (Backstage ignores the rest).</summary>
    public static OrderField? FirstOrderField(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        OrderField? first = null;
        foreach (var text in query["orderField"])
        {
            var parts = (text ?? "").Split(',');
            if (parts.Length > 1 && parts[1] is not ("asc" or "desc"))
            {
                throw new FormatException("Invalid order field order, must be asc or desc");
            }
            first ??= new OrderField(parts[0], parts.Length < 2 || parts[1] == "asc");
        }
        return first;
    }

    /// <summary>by-query <c>totalItems</c>: include (default) or exclude.</summary>
    public static bool CountTotal(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query["totalItems"].LastOrDefault() switch
        {
            null or "include" => true,
            "exclude" => false,
            _ => throw new FormatException("request/query/totalItems must be equal to one of the allowed values: include, exclude"),
        };
    }

    [GeneratedRegex("^(asc|desc):(.+)$")]
    private static partial Regex OrderPattern();
}
