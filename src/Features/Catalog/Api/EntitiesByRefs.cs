using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;

namespace Fawkes.Portal.Features.Catalog.Api;

/// <summary>
/// <c>POST /entities/by-refs</c> as Backstage answers it: one item per ref asked for, in request order, <c>null</c> for a
/// ref that is missing, malformed or filtered out; duplicates answered each time; refs compared case-insensitively as
/// full <c>kind:namespace/name</c> strings (no defaults); <c>fields</c> only in the body, <c>filter</c> only in the query,
/// a filter predicate as the body's <c>query</c> (applied with the filter, as Backstage's <c>$all</c> of both).
/// </summary>
internal static class EntitiesByRefs
{
    public static async Task<IResult> HandleAsync(HttpRequest request, CatalogQueries q, CancellationToken ct)
    {
        if (CatalogRequestBody.UnknownQueryParameter(request, "filter") is { } unknown)
        {
            return CatalogProblems.Input(unknown);
        }
        if (!EntitiesApi.TryFilter(request, out var filter, out var filterError))
        {
            return filterError!;
        }
        var (body, error) = await CatalogRequestBody.ReadObjectAsync(request, ct);
        if (error is not null)
        {
            return error;
        }
        var refsProblem = CatalogRequestBody.CheckStrings(body!, "entityRefs", required: true, out var texts);
        var fieldsProblem = CatalogRequestBody.CheckStrings(body!, "fields", required: false, out var fields);
        var problem = refsProblem ?? fieldsProblem;
        if (problem is not null)
        {
            return CatalogProblems.Input(problem);
        }
        FilterPredicate? predicate;
        try
        {
            predicate = body!.ContainsKey("query")
                ? FilterPredicate.Parse(body["query"], "Malformed request body (did you remember to specify an application/json content type?), ", "query")
                : null;
        }
        catch (FormatException ex)
        {
            return CatalogProblems.Input(ex.Message);
        }

        var refs = texts.Select(ParseFull).ToList();
        var wanted = refs.OfType<EntityRef>().Distinct().ToList();
        var found = (await q.ByRefsAsync(wanted, ct)).OfType<JsonObject>().ToDictionary(Key, StringComparer.Ordinal);
        if (predicate is not null && found.Count > 0)
        {
            var allowed = await q.MatchingKeysAsync([.. found.Keys], filter, predicate, ct);
            found = found.Where(f => allowed.Contains(f.Key)).ToDictionary(StringComparer.Ordinal);
        }
        else if (!filter.IsEmpty && found.Count > 0)
        {
            var allowed = await MatchingKeysAsync(q, filter, [.. found.Keys], ct);
            found = found.Where(f => allowed.Contains(f.Key)).ToDictionary(StringComparer.Ordinal);
        }
        // A ref asked for twice is answered twice: each answer is its own copy (a JSON node has one parent).
        var items = refs.Select(r => r is { } entityRef && found.TryGetValue(entityRef.Key, out var entity)
            ? (JsonNode)EntityJson.Project((JsonObject)entity.DeepClone(), fields)
            : null);
        return Results.Json(new JsonObject { ["items"] = new JsonArray([.. items]) });
    }

    /// <summary>A full ref as Backstage stores it, <c>kind:namespace/name</c>; anything else matches nothing.</summary>
    private static EntityRef? ParseFull(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var slash = colon < 0 ? -1 : text.IndexOf('/', colon + 1);
        return colon > 0 && slash > colon + 1 && slash < text.Length - 1
            ? new EntityRef(text[..colon], text[(colon + 1)..slash], text[(slash + 1)..])
            : null;
    }

    private static string Key(JsonObject entity) => new EntityRef(
        entity["kind"]!.GetValue<string>(),
        entity["metadata"]?["namespace"]?.GetValue<string>() ?? EntityRef.DefaultNamespace,
        entity["metadata"]!["name"]!.GetValue<string>()).Key;

    /// <summary>Which of the found entities the query filter keeps: the filter narrowed to their names, then matched by ref.</summary>
    private static async Task<HashSet<string>> MatchingKeysAsync(CatalogQueries q, EntityFilter filter, IReadOnlyList<string> keys, CancellationToken ct)
    {
        var names = keys.Select(k => k[(k.IndexOf('/', StringComparison.Ordinal) + 1)..]).Distinct().ToList();
        var narrowed = new EntityFilter([.. filter.Groups.Select(g => (IReadOnlyList<FilterCondition>)[.. g, new FilterCondition("metadata.name", names)])]);
        var matches = await q.ListAsync(narrowed, null, 0, ct);
        return matches.Select(Key).ToHashSet(StringComparer.Ordinal);
    }
}
