using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;

namespace Fawkes.Portal.Features.Catalog.Browse;

public sealed record EntityListPage(IReadOnlyList<EntityRow> Rows, int Total);

/// <summary>The catalog list's queries: the user's selections become Backstage filters over the same query engine as the API.</summary>
public sealed class CatalogBrowser(CatalogQueries queries, StarService stars)
{
    private static readonly string[] SearchFields = [];

    public async Task<EntityListPage> ListAsync(CatalogListState state, string? login, int page, int pageSize, CancellationToken ct = default)
    {
        var query = new EntityQuery(await FilterAsync(state, login, null, ct), [new OrderField(state.Sort, !state.Descending)], state.Search, SearchFields, pageSize, page * pageSize)
        {
            RefKeys = state.Starred && login is not null ? await stars.StarredKeysAsync(login, ct) : null,
        };
        var result = await queries.QueryAsync(query, ct);
        return new EntityListPage([.. result.Items.Select(EntityRow.From)], result.TotalItems);
    }

    /// <summary>Counts per value for each facet, under every other selected filter (so alternatives stay visible).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>> FacetsAsync(CatalogListState state, string? login, CancellationToken ct = default)
    {
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>();
        foreach (var (key, _, _) in CatalogListState.Facets)
        {
            var facets = await queries.FacetsAsync([key], await FilterAsync(state, login, key, ct), ct);
            // The API answers in Backstage's order (by value); the filter panel lists the most frequent first.
            result[key] = [.. facets[key].OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.OrdinalIgnoreCase)];
        }
        return result;
    }

    private async Task<EntityFilter> FilterAsync(CatalogListState state, string? login, string? exceptKey, CancellationToken ct)
    {
        var conditions = state.Selected
            .Where(kv => kv.Key != exceptKey && kv.Value.Count > 0)
            .Select(kv => new FilterCondition(kv.Key, [.. kv.Value.Select(v => v.ToLowerInvariant())]))
            .ToList();
        if (state.Mine && login is not null)
        {
            conditions.Add(new FilterCondition("relations.ownedby", await OwnerRefsAsync(login, ct)));
        }
        return conditions.Count == 0 ? EntityFilter.None : new EntityFilter([conditions]);
    }

    /// <summary>The user's own ref and the groups their User entity is a member of.</summary>
    public async Task<IReadOnlyList<string>> OwnerRefsAsync(string login, CancellationToken ct = default)
    {
        var user = new EntityRef(CatalogKinds.User, EntityRef.DefaultNamespace, login);
        var entity = await queries.ByRefAsync(user, ct);
        var groups = entity?["relations"]?.AsArray()
            .Where(r => r?["type"]?.GetValue<string>() == RelationTypes.MemberOf)
            .Select(r => r!["targetRef"]!.GetValue<string>()) ?? [];
        return [user.Key, .. groups];
    }
}
