using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Catalog;

/// <summary>Backstage's catalog REST API semantics against real PostgreSQL.</summary>
public sealed class CatalogApiTests(CatalogFixture fixture) : IClassFixture<CatalogFixture>
{
    private HttpClient Api => fixture.Api;

    private async Task<List<string>> NamesAsync(string query)
    {
        var items = await Api.GetFromJsonAsync<JsonArray>($"/api/catalog/entities?{query}&fields=metadata.name");
        return [.. items!.Select(i => i!["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal)];
    }

    [Theory]
    [InlineData("filter=kind=component", 25)]
    [InlineData("filter=KIND=Component", 25)]
    [InlineData("filter=kind=component,spec.type=website", 12)]
    [InlineData("filter=kind=group&filter=kind=user", 5)]
    [InlineData("filter=kind=component,spec.type=service,spec.type=website", 25)]
    [InlineData("filter=metadata.tags=legacy", 5)]
    [InlineData("filter=kind=component,spec.system", 13)]
    [InlineData("filter=spec.memberof=team-a", 2)]
    [InlineData("filter=relations.ownedby=group:default/team-b", 12)]
    [InlineData("filter=relations.hasmember=user:default/carol", 2)]
    [InlineData("filter=kind=component,relations.providesapi", 3)]
    [InlineData("filter=kind=nothing", 0)]
    public async Task Filters_follow_backstage_semantics(string query, int expected)
    {
        Assert.Equal(expected, (await NamesAsync(query)).Count);
    }

    [Fact]
    public async Task Cursor_paging_visits_every_item_once_in_order_and_can_go_back()
    {
        var names = new List<string>();
        var url = "/api/catalog/entities/by-query?filter=kind=component&orderField=metadata.name,desc&limit=7&fields=metadata.name";
        string? prev = null;
        while (url is not null)
        {
            var page = (await Api.GetFromJsonAsync<JsonObject>(url))!;
            Assert.Equal(25, page["totalItems"]!.GetValue<int>());
            names.AddRange(page["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
            prev = page["pageInfo"]!["prevCursor"]?.GetValue<string>() ?? prev;
            var next = page["pageInfo"]!["nextCursor"]?.GetValue<string>();
            url = next is null ? null : $"/api/catalog/entities/by-query?cursor={next}&limit=7";
        }

        Assert.Equal(Enumerable.Range(1, 25).Reverse().Select(i => $"svc-{i:00}"), names);
        var back = (await Api.GetFromJsonAsync<JsonObject>($"/api/catalog/entities/by-query?cursor={prev}&limit=7"))!;
        // The last page starts at offset 21; its prevCursor is the third page (offset 14), which starts at svc-11.
        Assert.Equal("svc-11", back["items"]![0]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Full_text_search_matches_the_chosen_fields()
    {
        var byField = (await Api.GetFromJsonAsync<JsonObject>("/api/catalog/entities/by-query?fullTextFilterTerm=SVC-1&fullTextFilterFields=metadata.name,metadata.title&filter=kind=component"))!;
        Assert.Equal(10, byField["totalItems"]!.GetValue<int>());

        var description = (await Api.GetFromJsonAsync<JsonObject>("/api/catalog/entities/by-query?fullTextFilterTerm=needle&fullTextFilterFields=metadata.description"))!;
        Assert.Equal("svc-07", description["items"]![0]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Facets_count_values_under_the_filter()
    {
        var body = (await Api.GetFromJsonAsync<JsonObject>("/api/catalog/entity-facets?facet=spec.type&facet=metadata.tags&filter=kind=component"))!;
        var types = body["facets"]!["spec.type"]!.AsArray().ToDictionary(v => v!["value"]!.GetValue<string>(), v => v!["count"]!.GetValue<int>());
        var tags = body["facets"]!["metadata.tags"]!.AsArray().ToDictionary(v => v!["value"]!.GetValue<string>(), v => v!["count"]!.GetValue<int>());

        Assert.Equal(new Dictionary<string, int> { ["service"] = 13, ["website"] = 12 }, types);
        Assert.Equal(new Dictionary<string, int> { ["dotnet"] = 25, ["legacy"] = 5 }, tags);
    }

    [Fact]
    public async Task Relations_carry_exactly_type_and_targetRef_as_in_current_Backstage()
    {
        var byName = (await Api.GetFromJsonAsync<JsonObject>("/api/catalog/entities/by-name/component/default/svc-01"))!;
        var byQuery = (await Api.GetFromJsonAsync<JsonObject>("/api/catalog/entities/by-query?filter=metadata.name=svc-01"))!["items"]![0]!;
        var list = (await Api.GetFromJsonAsync<JsonArray>("/api/catalog/entities?filter=metadata.name=svc-01"))![0]!;

        foreach (var entity in new[] { byName, byQuery, list })
        {
            var relations = entity["relations"]!.AsArray();
            Assert.NotEmpty(relations);
            Assert.All(relations, r => Assert.Equal(["targetRef", "type"], r!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)));
        }
    }

    [Fact]
    public async Task By_name_by_uid_and_by_refs_agree_and_missing_is_a_problem()
    {
        var byName = (await Api.GetFromJsonAsync<JsonObject>("/api/catalog/entities/by-name/component/default/svc-01"))!;
        var uid = byName["metadata"]!["uid"]!.GetValue<string>();
        var byUid = (await Api.GetFromJsonAsync<JsonObject>($"/api/catalog/entities/by-uid/{uid}"))!;
        Assert.Equal(byName.ToJsonString(), byUid.ToJsonString());
        Assert.Contains(byName["relations"]!.AsArray(), r => r!["type"]!.GetValue<string>() == "ownedBy" && r["targetRef"]!.GetValue<string>() == "group:default/team-a");
        Assert.False(string.IsNullOrEmpty(byName["metadata"]!["etag"]!.GetValue<string>()));

        var refs = await Api.PostAsJsonAsync("/api/catalog/entities/by-refs", new { entityRefs = new[] { "component:default/svc-02", "component:default/nope", "group:default/team-a" } });
        var items = (await refs.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        Assert.Equal(["svc-02", null, "team-a"], items.Select(i => i?["metadata"]!["name"]!.GetValue<string>()));

        var missing = await Api.GetAsync("/api/catalog/entities/by-name/component/default/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal("NotFoundError", (await missing.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fields_projects_the_response()
    {
        var items = (await Api.GetFromJsonAsync<JsonArray>("/api/catalog/entities?filter=kind=group&fields=kind,metadata.name"))!;

        Assert.All(items, i => Assert.Equal(["kind", "metadata"], i!.AsObject().Select(p => p.Key)));
        Assert.All(items, i => Assert.Equal(["name"], i!["metadata"]!.AsObject().Select(p => p.Key)));
    }

    [Theory]
    [InlineData("kind,metadata.name")]
    [InlineData("metadata.name,kind")]
    [InlineData("metadata.name")]
    public async Task Kind_and_name_projections_answer_as_the_stored_entities_do(string fields)
    {
        // Those projections are served from columns; the same fields plus one more come from the stored JSON.
        var fast = (await Api.GetFromJsonAsync<JsonArray>($"/api/catalog/entities?filter=kind=component&fields={fields}"))!;
        var full = (await Api.GetFromJsonAsync<JsonArray>($"/api/catalog/entities?filter=kind=component&fields={fields},metadata.namespace"))!;

        Assert.Equal(25, fast.Count);
        foreach (var (f, e) in fast.Zip(full))
        {
            e!["metadata"]!.AsObject().Remove("namespace");
            Assert.Equal(e.ToJsonString(), f!.ToJsonString());
        }
    }

    [Theory]
    [InlineData("/api/catalog/entities?filter=relations.ownedby=group:default/team-b&fields=metadata.name,relations")]
    [InlineData("/api/catalog/entities?filter=relations.ownedby=group:default/team-b&fields=relations")]
    public async Task Fields_naming_relations_still_carry_them(string url)
    {
        // Projections without relations skip loading them; one that names them must still get every entity's own.
        var items = (await Api.GetFromJsonAsync<JsonArray>(url))!;

        Assert.Equal(12, items.Count);
        Assert.All(items, i => Assert.Contains(i!["relations"]!.AsArray(),
            r => r!["type"]!.GetValue<string>() == "ownedBy" && r["targetRef"]!.GetValue<string>() == "group:default/team-b"));
    }

    [Fact]
    public async Task By_query_fields_naming_relations_still_carry_them()
    {
        var page = (await Api.GetFromJsonAsync<JsonObject>("/api/catalog/entities/by-query?filter=relations.ownedby=group:default/team-b&fields=relations&limit=50"))!;

        Assert.Equal(12, page["items"]!.AsArray().Count);
        Assert.All(page["items"]!.AsArray(), i => Assert.NotEmpty(i!["relations"]!.AsArray()));
    }

    [Fact]
    public async Task Ancestry_leads_to_the_root_location()
    {
        var body = (await Api.GetFromJsonAsync<JsonObject>("/api/catalog/entities/by-name/component/default/svc-03/ancestry"))!;
        var items = body["items"]!.AsArray();

        Assert.Equal("component:default/svc-03", body["rootEntityRef"]!.GetValue<string>());
        Assert.Equal(["location:default/test-root"], items[0]!["parentEntityRefs"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal("test-root", items[1]!["entity"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Validate_entity_explains_errors()
    {
        var ok = await Api.PostAsJsonAsync("/api/catalog/validate-entity", new { entity = new { apiVersion = "backstage.io/v1alpha1", kind = "Group", metadata = new { name = "x" }, spec = new { type = "team", children = Array.Empty<string>() } }, location = "url:x" });
        var bad = await Api.PostAsJsonAsync("/api/catalog/validate-entity", new { entity = new { apiVersion = "backstage.io/v1alpha1", kind = "Component", metadata = new { name = "x" }, spec = new { type = "service" } }, location = "url:x" });

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var messages = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()).ToList();
        Assert.Contains("spec.lifecycle: spec.lifecycle is required.", messages);
        Assert.Contains("spec.owner: spec.owner is required.", messages);
    }

    [Fact]
    public async Task Reading_needs_a_token_and_writing_needs_the_write_scope()
    {
        using var anonymous = fixture.Host.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/catalog/entities")).StatusCode);

        var tokens = (Fawkes.Portal.Identity.ApiTokens.ApiTokenService)fixture.Host.Services.GetService(typeof(Fawkes.Portal.Identity.ApiTokens.ApiTokenService))!;
        var reader = await tokens.CreateAsync("reader", ["catalog:read"], null, "test");
        using var client = fixture.Host.NewClient(bearer: reader.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/catalog/entities?limit=1")).StatusCode);
        var write = await client.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = "/tmp/x.yaml" });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }
}
