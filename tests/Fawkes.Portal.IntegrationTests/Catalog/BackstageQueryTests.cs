using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Storage;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Catalog;

/// <summary>
/// Query semantics of Backstage's catalog backend 4.0.5 (search rows, by-query, GET /entities ordering and paging,
/// facets) on real PostgreSQL, over the <see cref="TestCatalog"/>.
/// </summary>
public sealed class BackstageQueryTests(CatalogFixture fixture) : IClassFixture<CatalogFixture>
{
    private HttpClient Api => fixture.Api;

    private static List<string> Names(JsonNode? items) => [.. items!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>())];

    private async Task<JsonObject> ByQueryAsync(string query) => (await Api.GetFromJsonAsync<JsonObject>($"/api/catalog/entities/by-query?{query}"))!;

    [Theory]
    [InlineData("filter=metadata.tags.legacy", 5)]
    [InlineData("filter=metadata.tags.LEGACY", 5)]
    [InlineData("filter=metadata.tags.legacy=true", 5)]
    [InlineData("filter=spec.memberof.team-b", 2)]
    [InlineData("filter=kind=user,spec.memberof.team-a", 2)]
    [InlineData("filter=spec.providesapis.api-2", 1)]
    [InlineData("filter=metadata.tags.nothing", 0)]
    public async Task Every_string_array_item_is_an_existence_key(string query, int expected)
    {
        var items = await Api.GetFromJsonAsync<JsonArray>($"/api/catalog/entities?{query}&fields=metadata.name");
        Assert.Equal(expected, items!.Count);
    }

    [Fact]
    public async Task By_query_defaults_to_200_items_in_uid_order_with_a_count_and_no_cursor()
    {
        var page = await ByQueryAsync("fields=metadata.name,metadata.uid");

        Assert.Equal(TestCatalog.Total, page["items"]!.AsArray().Count);
        Assert.Equal(TestCatalog.Total, page["totalItems"]!.GetValue<int>());
        Assert.Empty(page["pageInfo"]!.AsObject());
        var uids = page["items"]!.AsArray().Select(i => i!["metadata"]!["uid"]!.GetValue<string>()).ToList();
        Assert.Equal(uids.Order(StringComparer.Ordinal), uids);
    }

    [Fact]
    public async Task By_query_limit_zero_counts_only_and_bad_parameters_are_refused()
    {
        var empty = await ByQueryAsync("limit=0&filter=kind=component");
        Assert.Empty(empty["items"]!.AsArray());
        Assert.Empty(empty["pageInfo"]!.AsObject());
        Assert.Equal(TestCatalog.Components, empty["totalItems"]!.GetValue<int>());

        Assert.Equal(0, (await ByQueryAsync("filter=kind=component&totalItems=exclude"))["totalItems"]!.GetValue<int>());
        Assert.Equal(5, (await ByQueryAsync("filter=kind=component&offset=20"))["items"]!.AsArray().Count);
        foreach (var bad in new[] { "limit=-1", "limit=x", "totalItems=true", "orderField=metadata.name,up", "cursor=not-a-cursor", "filter=", "unknown=1" })
        {
            var response = await Api.GetAsync($"/api/catalog/entities/by-query?{bad}");
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{bad} answered {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Ordering_by_a_field_leaves_out_entities_without_it_and_searches_it_by_default()
    {
        // Users, the system and the root location have no spec.type; the generated Location entity has `file`.
        var typed = await ByQueryAsync("orderField=spec.type,desc&fields=metadata.name,spec.type");
        Assert.Equal(2 + TestCatalog.Components + 3 + 1, typed["totalItems"]!.GetValue<int>());
        Assert.Equal("website", typed["items"]![0]!["spec"]!["type"]!.GetValue<string>());

        // Without fields, full text searches the order field (here the name), and without an order field the uid.
        Assert.Equal(10, (await ByQueryAsync("orderField=metadata.name&fullTextFilterTerm=svc-1"))["totalItems"]!.GetValue<int>());
        Assert.Equal(0, (await ByQueryAsync("fullTextFilterTerm=svc-1"))["totalItems"]!.GetValue<int>());
        var uid = (await Api.GetFromJsonAsync<JsonObject>("/api/catalog/entities/by-name/component/default/svc-05"))!["metadata"]!["uid"]!.GetValue<string>();
        Assert.Equal(["svc-05"], Names((await ByQueryAsync($"fullTextFilterTerm={uid}"))["items"]));
    }

    [Fact]
    public async Task Full_text_matches_only_the_fields_asked_for_and_the_uid_as_its_search_row_holds_it()
    {
        var uid = (await Api.GetFromJsonAsync<JsonObject>("/api/catalog/entities/by-name/component/default/svc-07"))!["metadata"]!["uid"]!.GetValue<string>();
        // A part of the uid, upper case: the search row is lowercase and the term is lowered, as in Backstage.
        var part = uid[4..20].ToUpperInvariant();
        Assert.Equal(["svc-07"], Names((await ByQueryAsync($"fullTextFilterTerm={part}"))["items"]));
        Assert.Equal(["svc-07"], Names((await ByQueryAsync($"fullTextFilterTerm={part}&fullTextFilterFields=metadata.uid"))["items"]));
        // The uid with `_` in place of a character still matches: `_` is a LIKE wildcard there too.
        Assert.Equal(["svc-07"], Names((await ByQueryAsync($"fullTextFilterTerm={uid[..8]}_{uid[9..]}"))["items"]));

        // Several fields: a column, a search row and the uid, ORed.
        var either = await ByQueryAsync($"fullTextFilterTerm=needle&fullTextFilterFields=metadata.uid,metadata.name,metadata.description&fields=metadata.name");
        Assert.Equal(["svc-07"], Names(either["items"]));
        var byName = await ByQueryAsync("fullTextFilterTerm=svc-1&fullTextFilterFields=metadata.uid,metadata.description&fields=metadata.name");
        Assert.Equal(0, byName["totalItems"]!.GetValue<int>());
        Assert.Equal(10, (await ByQueryAsync("fullTextFilterTerm=svc-1&fullTextFilterFields=metadata.name,metadata.uid"))["totalItems"]!.GetValue<int>());
        // A field no entity has matches nothing.
        Assert.Equal(0, (await ByQueryAsync("fullTextFilterTerm=svc&fullTextFilterFields=spec.nothing"))["totalItems"]!.GetValue<int>());
    }

    [Fact]
    public async Task Going_back_returns_only_the_rows_before_the_page_whatever_the_page_size()
    {
        var first = await ByQueryAsync("filter=kind=component&orderField=metadata.name,asc&limit=3&fields=metadata.name");
        Assert.Null(first["pageInfo"]!["prevCursor"]);
        var second = await ByQueryAsync($"cursor={first["pageInfo"]!["nextCursor"]}&fields=metadata.name");
        Assert.Equal(TestCatalog.Components - 3, second["items"]!.AsArray().Count);
        Assert.Equal("svc-04", Names(second["items"])[0]);
        Assert.Null(second["pageInfo"]!["nextCursor"]);
        Assert.Equal(TestCatalog.Components, second["totalItems"]!.GetValue<int>());

        var back = await ByQueryAsync($"cursor={second["pageInfo"]!["prevCursor"]}&fields=metadata.name");
        Assert.Equal(["svc-01", "svc-02", "svc-03"], Names(back["items"]));
        Assert.Null(back["pageInfo"]!["prevCursor"]);
        Assert.NotNull(back["pageInfo"]!["nextCursor"]);
    }

    [Fact]
    public async Task Entities_list_orders_pages_and_links_the_next_page()
    {
        var desc = (await Api.GetFromJsonAsync<JsonArray>("/api/catalog/entities?filter=kind=component&order=desc:metadata.name&fields=metadata.name"))!;
        Assert.Equal("svc-25", desc[0]!["metadata"]!["name"]!.GetValue<string>());

        // Without paging only entities with the order field come back; with paging the others follow.
        Assert.Equal(13, (await Api.GetFromJsonAsync<JsonArray>("/api/catalog/entities?filter=kind=component&order=asc:spec.system"))!.Count);
        var response = await Api.GetAsync("/api/catalog/entities?filter=kind=component&order=asc:spec.system&order=desc:metadata.name&fields=metadata.name&offset=12&limit=2");
        Assert.Equal(["svc-01", "svc-24"], Names(await response.Content.ReadFromJsonAsync<JsonArray>()));
        var next = response.Headers.GetValues("Link").Single();
        Assert.Contains("rel=\"next\"", next, StringComparison.Ordinal);
        var after = Uri.UnescapeDataString(next[(next.IndexOf("after=", StringComparison.Ordinal) + 6)..next.IndexOf('>', StringComparison.Ordinal)]);
        var page = await Api.GetFromJsonAsync<JsonArray>($"/api/catalog/entities?filter=kind=component&order=asc:spec.system&order=desc:metadata.name&fields=metadata.name&after={Uri.EscapeDataString(after)}");
        Assert.Equal(["svc-22", "svc-20"], Names(page));

        foreach (var bad in new[] { "filter=", "order=sideways:metadata.name", "limit=0", "offset=-1", "after=%25%25" })
        {
            var refused = await Api.GetAsync($"/api/catalog/entities?{bad}");
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{bad} answered {refused.StatusCode}");
        }
    }

    [Fact]
    public async Task Facets_count_relations_and_come_in_value_order()
    {
        var body = (await Api.GetFromJsonAsync<JsonObject>("/api/catalog/entity-facets?facet=relations.ownedBy&facet=kind&facet=metadata.tags"))!["facets"]!;

        // team-a owns the odd components, the system and the APIs; team-b the even components.
        Assert.Equal("""[{"value":"group:default/team-a","count":17},{"value":"group:default/team-b","count":12}]""", body["relations.ownedBy"]!.ToJsonString());
        Assert.Equal(["API", "Component", "Group", "Location", "System", "User"], body["kind"]!.AsArray().Select(v => v!["value"]!.GetValue<string>()));
        Assert.Equal("""[{"value":"dotnet","count":25},{"value":"legacy","count":5}]""", body["metadata.tags"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.GetAsync("/api/catalog/entity-facets")).StatusCode);
    }

    [Fact]
    public async Task An_index_written_by_an_older_indexer_is_rebuilt_on_start()
    {
        var factory = fixture.Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            // What version 1 lacked: the existence rows of array items.
            await db.Set<SearchRecord>().Where(s => s.Key.StartsWith("metadata.tags.")).ExecuteDeleteAsync();
            await db.Set<CatalogVersion>().ExecuteUpdateAsync(u => u.SetProperty(v => v.SearchIndexVersion, 1));
        }
        var upgrade = fixture.Host.Services.GetRequiredService<SearchIndexUpgrade>();

        Assert.Equal(TestCatalog.Total, await upgrade.RunAsync(CancellationToken.None));
        Assert.Equal(0, await upgrade.RunAsync(CancellationToken.None));
        await using var check = await factory.CreateDbContextAsync();
        Assert.Equal(SearchIndexer.Version, await check.Set<CatalogVersion>().Select(v => v.SearchIndexVersion).SingleAsync());
        Assert.Equal(5, await check.Set<SearchRecord>().CountAsync(s => s.Key == "metadata.tags.legacy"));
    }
}
