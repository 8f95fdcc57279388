using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Query;

namespace Fawkes.Portal.Features.Catalog.Api;

/// <summary>
/// The predicate forms of by-query and facets (catalog-client's <c>queryEntitiesByPredicate</c> and
/// <c>getEntityFacetsByPredicate</c>): <c>POST /entities/by-query</c> and <c>POST /entity-facets</c>, their body checked
/// as Backstage's OpenAPI validator and parseEntityQuery / parseEntityFacetsQuery check it, with their messages.
/// </summary>
internal static class EntitiesByPredicate
{
    private static readonly string[] OrderValues = ["asc", "desc"];
    private static readonly string[] TotalItemsValues = ["include", "exclude"];

    public static async Task<IResult> QueryAsync(HttpRequest request, CatalogQueries q, CancellationToken ct)
    {
        var (body, error) = await CatalogRequestBody.ReadObjectAsync(request, ct);
        if (error is not null)
        {
            return error;
        }
        ByQuery query;
        QueryCursor? cursor;
        int limit;
        int? offset = null;
        bool countTotal = true;
        IReadOnlyList<string> fields;
        try
        {
            CheckBody(body!);
            limit = Integer(body!["limit"]) ?? ByQuery.DefaultLimit;
            if (body!["cursor"] is { } cursorNode)
            {
                var text = cursorNode.GetValue<string>();
                cursor = text.Length == 0 ? throw new FormatException("Cursor cannot be empty") : QueryCursor.Decode(text);
                query = cursor.Query;
            }
            else
            {
                cursor = null;
                var predicate = body.ContainsKey("query") ? FilterPredicate.Parse(body["query"]) : null;
                var order = body["orderBy"]?.AsArray().Select(o => new OrderField(o!["field"]!.GetValue<string>(), o["order"]!.GetValue<string>() == "asc")).FirstOrDefault();
                var text = body["fullTextFilter"] as JsonObject;
                query = new ByQuery(EntityFilter.None, order, text?["term"]?.GetValue<string>() ?? "",
                    text?["fields"] is JsonArray f ? [.. f.Select(x => x!.GetValue<string>())] : null) { Predicate = predicate };
                offset = Integer(body["offset"]);
                countTotal = body["totalItems"]?.GetValue<string>() != "exclude";
            }
            fields = Fields(body);
        }
        catch (FormatException ex)
        {
            return CatalogProblems.Input(ex.Message);
        }
        var page = await q.QueryEntitiesAsync(query, cursor, limit, offset, countTotal, ct);
        return EntitiesApi.PageResult(page.Items, page.TotalItems, page.Next, page.Prev, fields);
    }

    public static async Task<IResult> FacetsAsync(HttpRequest request, CatalogQueries q, CancellationToken ct)
    {
        var (body, error) = await CatalogRequestBody.ReadObjectAsync(request, ct);
        if (error is not null)
        {
            return error;
        }
        var problem = CatalogRequestBody.CheckStrings(body!, "facets", required: true, out var facets)
            ?? CatalogRequestBody.Check(body!, "query", JsonValueKind.Object, required: false);
        if (problem is not null)
        {
            return CatalogProblems.Input(problem);
        }
        facets = [.. facets.Where(f => f.Length > 0)];
        if (facets.Count == 0)
        {
            return CatalogProblems.Input("Missing or empty facets parameter");
        }
        FilterPredicate? predicate;
        try
        {
            predicate = body!.ContainsKey("query") ? FilterPredicate.Parse(body["query"]) : null;
        }
        catch (FormatException ex)
        {
            return CatalogProblems.Input(ex.Message);
        }
        var counted = await q.FacetsAsync(facets, EntityFilter.None, predicate, ct);
        var result = new JsonObject();
        foreach (var (key, values) in counted)
        {
            result[key] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["value"] = v.Value, ["count"] = v.Count })]);
        }
        return Results.Json(new JsonObject { ["facets"] = result });
    }

    /// <summary>The OpenAPI schema of the by-query body (types and enums); unknown properties are allowed there.</summary>
    private static void CheckBody(JsonObject body)
    {
        var problem = CatalogRequestBody.Check(body, "cursor", JsonValueKind.String, required: false)
            ?? CatalogRequestBody.Check(body, "limit", JsonValueKind.Number, required: false)
            ?? CatalogRequestBody.Check(body, "offset", JsonValueKind.Number, required: false)
            ?? CatalogRequestBody.Check(body, "orderBy", JsonValueKind.Array, required: false)
            ?? OrderBy(body["orderBy"] as JsonArray)
            ?? CatalogRequestBody.Check(body, "fullTextFilter", JsonValueKind.Object, required: false)
            ?? (body["fullTextFilter"] is JsonObject text
                ? Prefixed("fullTextFilter", CatalogRequestBody.Check(text, "term", JsonValueKind.String, required: false)
                    ?? CatalogRequestBody.CheckStrings(text, "fields", required: false, out _))
                : null)
            ?? CatalogRequestBody.CheckStrings(body, "fields", required: false, out _)
            ?? CatalogRequestBody.Check(body, "totalItems", JsonValueKind.String, required: false)
            ?? (body["totalItems"] is { } total && !TotalItemsValues.Contains(total.GetValue<string>())
                ? "request/body/totalItems must be equal to one of the allowed values: include, exclude" : null)
            ?? CatalogRequestBody.Check(body, "query", JsonValueKind.Object, required: false);
        if (problem is not null)
        {
            throw new FormatException(problem);
        }
    }

    private static string? OrderBy(JsonArray? orderBy)
    {
        for (var i = 0; orderBy is not null && i < orderBy.Count; i++)
        {
            if (orderBy[i] is not JsonObject item)
            {
                return $"request/body/orderBy/{i} must be object";
            }
            var problem = CatalogRequestBody.Check(item, "field", JsonValueKind.String) ?? CatalogRequestBody.Check(item, "order", JsonValueKind.String)
                ?? (OrderValues.Contains(item["order"]!.GetValue<string>()) ? null : "order must be equal to one of the allowed values: asc, desc");
            if (problem is not null)
            {
                return problem.StartsWith("request/body", StringComparison.Ordinal)
                    ? problem.Replace("request/body", $"request/body/orderBy/{i}", StringComparison.Ordinal)
                    : $"request/body/orderBy/{i}/{problem}";
            }
        }
        return null;
    }

    private static string? Prefixed(string name, string? problem) =>
        problem?.Replace("request/body", $"request/body/{name}", StringComparison.Ordinal);

    /// <summary>Backstage's parseEntityTransformParams over the body's list: comma-split, trimmed, no array fields.</summary>
    private static IReadOnlyList<string> Fields(JsonObject body)
    {
        var fields = (body["fields"] as JsonArray ?? []).SelectMany(f => f!.GetValue<string>().Split(',')).Select(f => f.Trim())
            .Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return fields.FirstOrDefault(f => f.Contains('[', StringComparison.Ordinal)) is { } arrayField
            ? throw new FormatException($"Invalid field \"{arrayField}\", array type fields are not supported")
            : fields;
    }

    private static int? Integer(JsonNode? node) =>
        node is null ? null : (int)Math.Clamp(Math.Floor(node.GetValue<double>()), 0, int.MaxValue);
}
