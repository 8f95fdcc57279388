using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Catalog;

/// <summary>
/// catalog-client's predicate methods on real PostgreSQL, over the <see cref="TestCatalog"/>: <c>POST /entities/by-query</c>
/// (queryEntitiesByPredicate) and <c>POST /entity-facets</c> (getEntityFacetsByPredicate), with the selections, paging and
/// errors Backstage's catalog backend 4.0.5 gives for the same bodies.
/// </summary>
public sealed class CatalogPredicateQueryTests(CatalogFixture fixture) : IClassFixture<CatalogFixture>
{
    private HttpClient Api => fixture.Api;

    private Task<HttpResponseMessage> PostAsync(string path, string json) =>
        Api.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<JsonObject> QueryAsync(string json)
    {
        var response = await PostAsync("/api/catalog/entities/by-query", json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{json} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static List<string> Names(JsonObject page) => [.. page["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>())];

    [Theory]
    [InlineData("""{"kind": "component"}""", TestCatalog.Components)]
    [InlineData("""{"kind": "Component", "spec.type": "SERVICE"}""", 13)]
    [InlineData("""{"$all": [{"kind": "component"}, {"$not": {"spec.type": "service"}}]}""", 12)]
    [InlineData("""{"$any": [{"kind": "user"}, {"kind": "group"}]}""", 5)]
    [InlineData("""{"$not": {"$any": [{"kind": "component"}, {"kind": "api"}]}}""", TestCatalog.Total - TestCatalog.Components - 3)]
    [InlineData("""{"spec.type": {"$in": ["service", "WEBSITE"]}}""", TestCatalog.Components)]
    [InlineData("""{"kind": "component", "spec.system": {"$exists": false}}""", 12)]
    [InlineData("""{"metadata.tags": "legacy"}""", 5)]
    [InlineData("""{"metadata.tags": {"$contains": "legacy"}}""", 5)]
    [InlineData("""{"metadata.tags.legacy": true}""", 5)]
    [InlineData("""{"kind": "user", "spec.memberOf": {"$in": ["team-b"]}}""", 2)]
    [InlineData("""{"relations.ownedBy": "group:default/team-a"}""", 13 + 3 + 1)]
    [InlineData("""{"relations": {"$contains": {"type": "ownedBy", "targetRef": {"$in": ["group:default/team-b"]}}}}""", 12)]
    [InlineData("""{"relations": {"$contains": {"type": "providesApi"}}}""", 3)]
    [InlineData("""{"metadata.name": {"$hasPrefix": "SVC-0"}}""", 9)]
    [InlineData("""{"$not": {"spec.type": "service"}}""", TestCatalog.Total - 13)]
    [InlineData("""{"$not": {"spec.type": {"$in": ["service", "website"]}}}""", TestCatalog.Total - TestCatalog.Components)]
    [InlineData("""{"$not": {"spec.type": {"$hasPrefix": "serv"}}}""", TestCatalog.Total - 13)]
    [InlineData("""{"$not": {"metadata.tags": "legacy"}}""", TestCatalog.Total - 5)]
    [InlineData("""{"$any": []}""", 0)]
    [InlineData("""{}""", TestCatalog.Total)]
    // The $not rows also prove that entities without the field are kept (NOT EXISTS), not lost to SQL's NULL logic.
    public async Task A_predicate_selects_what_backstage_selects(string predicate, int expected)
    {
        var page = await QueryAsync($$"""{"query": {{predicate}}, "fields": ["metadata.name"]}""");

        Assert.Equal(expected, page["totalItems"]!.GetValue<int>());
        Assert.Equal(expected, page["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Ordering_and_cursors_carry_the_predicate_both_ways()
    {
        var first = await QueryAsync("""
            {"query": {"$all": [{"kind": "component"}, {"metadata.tags": {"$exists": true}}]}, "limit": 10,
             "orderBy": [{"field": "metadata.name", "order": "desc"}], "fields": ["metadata.name"]}
            """);
        Assert.Equal([.. Enumerable.Range(16, 10).Reverse().Select(i => $"svc-{i:00}")], Names(first));
        Assert.Equal(TestCatalog.Components, first["totalItems"]!.GetValue<int>());
        Assert.Null(first["pageInfo"]!["prevCursor"]);

        var next = await QueryAsync($$"""{"cursor": "{{first["pageInfo"]!["nextCursor"]}}", "limit": 10, "fields": ["metadata.name"]}""");
        Assert.Equal([.. Enumerable.Range(6, 10).Reverse().Select(i => $"svc-{i:00}")], Names(next));
        Assert.Equal(TestCatalog.Components, next["totalItems"]!.GetValue<int>());

        var back = await QueryAsync($$"""{"cursor": "{{next["pageInfo"]!["prevCursor"]}}", "limit": 10, "fields": ["metadata.name"]}""");
        Assert.Equal(Names(first), Names(back));
        Assert.Equal(0, (await QueryAsync("""{"query": {"kind": "component"}, "totalItems": "exclude", "limit": 1}"""))["totalItems"]!.GetValue<int>());
    }

    [Fact]
    public async Task Full_text_and_filter_predicates_combine()
    {
        var page = await QueryAsync("""
            {"query": {"spec.type": "service"}, "fullTextFilter": {"term": "svc-1", "fields": ["metadata.name"]}, "fields": ["metadata.name"]}
            """);

        Assert.Equal(["svc-11", "svc-13", "svc-15", "svc-17", "svc-19"], Names(page).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"query": "x"}""", "request/body/query must be object")]
    [InlineData("""{"query": {"$foo": 1}}""", "Invalid query: Validation error: Invalid at \"$foo\"")]
    [InlineData("""{"query": {"kind": "a", "$all": []}}""", "Invalid query: Validation error: Unrecognized key(s) in object: 'kind'")]
    [InlineData("""{"query": {"metadata.tags": {"$contains": {"a": "b"}}}}""", "Object form of $contains is not supported for field \"metadata.tags\"")]
    [InlineData("""{"query": {"relations": {"$contains": {"targetRef": "x"}}}}""", "The $contains operator for \"relations\" requires a \"type\" string property")]
    [InlineData("""{"totalItems": "sometimes"}""", "request/body/totalItems must be equal to one of the allowed values: include, exclude")]
    [InlineData("""{"orderBy": [{"field": "metadata.name", "order": "up"}]}""", "request/body/orderBy/0/order must be equal to one of the allowed values: asc, desc")]
    [InlineData("""{"cursor": ""}""", "Cursor cannot be empty")]
    public async Task Invalid_bodies_are_400_input_errors_with_backstages_message(string body, string message)
    {
        var response = await PostAsync("/api/catalog/entities/by-query", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        Assert.Equal("InputError", error["name"]!.GetValue<string>());
        Assert.Equal(message, error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task By_refs_applies_a_body_predicate_together_with_the_filter()
    {
        var response = await PostAsync("/api/catalog/entities/by-refs?filter=kind=component", """
            {"entityRefs": ["component:default/svc-01", "component:default/svc-02", "user:default/alice", "component:default/nope"],
             "query": {"$not": {"spec.type": "website"}}, "fields": ["metadata.name"]}
            """);
        var items = (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();

        Assert.Equal("""[{"metadata":{"name":"svc-01"}},null,null,null]""", items.ToJsonString());
        var bad = await PostAsync("/api/catalog/entities/by-refs", """{"entityRefs": [], "query": {"$foo": 1}}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("Malformed request body (did you remember to specify an application/json content type?), Validation error: Invalid at \"query.$foo\"",
            (await bad.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Facets_count_among_the_entities_the_predicate_selects()
    {
        var response = await PostAsync("/api/catalog/entity-facets", """{"facets": ["spec.type", "relations.ownedBy"], "query": {"kind": "component"}}""");
        var facets = (await response.Content.ReadFromJsonAsync<JsonObject>())!["facets"]!;

        Assert.Equal("""[{"value":"service","count":13},{"value":"website","count":12}]""", facets["spec.type"]!.ToJsonString());
        Assert.Equal(2, facets["relations.ownedBy"]!.AsArray().Count);
        foreach (var (body, message) in new[]
        {
            ("""{"facets": []}""", "Missing or empty facets parameter"),
            ("""{"facets": [""]}""", "Missing or empty facets parameter"),
            ("""{}""", "request/body must have required property 'facets'"),
            ("""{"facets": ["kind"], "query": {"$nope": []}}""", "Invalid query: Validation error: Invalid at \"$nope\""),
        })
        {
            var bad = await PostAsync("/api/catalog/entity-facets", body);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal(message, (await bad.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["message"]!.GetValue<string>());
        }
    }
}
