using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Catalog;

/// <summary>
/// The catalog API's answers where the Backstage differential test (compat/backstage) found the portal different:
/// error bodies, by-refs, locations (list, by-entity, by-query, dry run, registration), validate-entity, analyze-location.
/// Expected bodies are what Backstage's catalog backend 4.0.5 answers for the same requests.
/// </summary>
public sealed class CatalogApiBackstageAnswersTests(CatalogFixture fixture) : IClassFixture<CatalogFixture>
{
    private HttpClient Api => fixture.Api;

    private static async Task<JsonObject> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string name)
    {
        Assert.Equal(status, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(name, body["error"]!["name"]!.GetValue<string>());
        Assert.Equal((int)status, body["response"]!["statusCode"]!.GetValue<int>());
        return body;
    }

    private Task<HttpResponseMessage> PostRawAsync(string path, string body) =>
        Api.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Errors_have_backstages_shape_with_the_request_relative_to_the_plugin()
    {
        var body = await ErrorAsync(await Api.GetAsync("/api/catalog/entities/by-name/component/default/nope?x=1"), HttpStatusCode.NotFound, "NotFoundError");

        Assert.Equal("No entity named 'nope' found, with kind 'component' in namespace 'default'", body["error"]!["message"]!.GetValue<string>());
        Assert.Equal("GET", body["request"]!["method"]!.GetValue<string>());
        Assert.Equal("/entities/by-name/component/default/nope?x=1", body["request"]!["url"]!.GetValue<string>());
        Assert.Null(body["error"]!["stack"]);
    }

    [Fact]
    public async Task Unknown_routes_and_methods_are_404_with_an_empty_body()
    {
        foreach (var response in new[] { await Api.GetAsync("/api/catalog/nope"), await Api.PutAsync("/api/catalog/entities", null) })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task An_anonymous_caller_gets_an_authentication_error()
    {
        using var anonymous = fixture.Host.NewClient();
        await ErrorAsync(await anonymous.GetAsync("/api/catalog/entities"), HttpStatusCode.Unauthorized, "AuthenticationError");
    }

    [Fact]
    public async Task By_refs_answers_in_request_order_with_null_for_missing_malformed_and_short_refs()
    {
        var response = await Api.PostAsJsonAsync("/api/catalog/entities/by-refs", new
        {
            entityRefs = new[] { "component:default/svc-01", "component:default/nope", "COMPONENT:DEFAULT/SVC-01", "svc-01", "component:svc-01" },
            fields = new[] { "metadata.name" },
        });

        var items = (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        Assert.Equal(["svc-01", null, "svc-01", null, null], items.Select(i => i?["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task By_refs_filters_with_the_query_and_refuses_what_backstage_refuses()
    {
        var filtered = await Api.PostAsJsonAsync("/api/catalog/entities/by-refs?filter=kind=group", new { entityRefs = new[] { "component:default/svc-01", "group:default/team-a" } });
        var items = (await filtered.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        Assert.Null(items[0]);
        Assert.Equal("team-a", items[1]!["metadata"]!["name"]!.GetValue<string>());

        var fields = await ErrorAsync(await Api.PostAsJsonAsync("/api/catalog/entities/by-refs?fields=kind", new { entityRefs = Array.Empty<string>() }), HttpStatusCode.BadRequest, "InputError");
        Assert.Equal("Unknown query parameter 'fields'", fields["error"]!["message"]!.GetValue<string>());
        var missing = await ErrorAsync(await Api.PostAsJsonAsync("/api/catalog/entities/by-refs", new { refs = Array.Empty<string>() }), HttpStatusCode.BadRequest, "InputError");
        Assert.Equal("request/body must have required property 'entityRefs'", missing["error"]!["message"]!.GetValue<string>());
        var notString = await ErrorAsync(await PostRawAsync("/api/catalog/entities/by-refs", "{\"entityRefs\":[1]}"), HttpStatusCode.BadRequest, "InputError");
        Assert.Equal("request/body/entityRefs/0 must be string", notString["error"]!["message"]!.GetValue<string>());
        var badJson = await ErrorAsync(await PostRawAsync("/api/catalog/entities/by-refs", "{not json"), HttpStatusCode.BadRequest, "InputError");
        Assert.Contains("not valid JSON", badJson["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_locations_are_not_listed_or_found_by_entity()
    {
        Assert.Empty((await Api.GetFromJsonAsync<JsonArray>("/api/catalog/locations"))!);
        var query = (await (await Api.PostAsJsonAsync("/api/catalog/locations/by-query", new { limit = 10 })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("{\"items\":[],\"totalItems\":0,\"pageInfo\":{}}", query.ToJsonString());

        var byEntity = await ErrorAsync(await Api.GetAsync("/api/catalog/locations/by-entity/component/default/svc-01"), HttpStatusCode.NotFound, "NotFoundError");
        Assert.StartsWith("Found no location with type file and target ", byEntity["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var noEntity = await ErrorAsync(await Api.GetAsync("/api/catalog/locations/by-entity/component/default/nope"), HttpStatusCode.NotFound, "NotFoundError");
        Assert.Equal("found no entity for ref component:default/nope", noEntity["error"]!["message"]!.GetValue<string>());
        await ErrorAsync(await Api.GetAsync("/api/catalog/locations/00000000-0000-0000-0000-000000000000"), HttpStatusCode.NotFound, "NotFoundError");
    }

    [Fact]
    public async Task A_registered_location_is_listed_paged_found_by_entity_and_removed()
    {
        var file = Path.Combine(fixture.Folder, "registered-compat.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: compat-registered\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n");

        var added = await Api.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = file });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var body = (await added.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = body["location"]!["id"]!.GetValue<string>();
        Assert.Empty(body["entities"]!.AsArray());
        Assert.StartsWith("location:default/generated-", body["location"]!["entityRef"]!.GetValue<string>(), StringComparison.Ordinal);
        await ErrorAsync(await Api.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = file }), HttpStatusCode.Conflict, "ConflictError");

        Assert.Equal(id, (await Api.GetFromJsonAsync<JsonArray>("/api/catalog/locations"))!.Single()!["data"]!["id"]!.GetValue<string>());
        Assert.Equal(id, (await Api.GetFromJsonAsync<JsonObject>("/api/catalog/locations/by-entity/component/default/compat-registered"))!["id"]!.GetValue<string>());
        var page = (await (await Api.PostAsJsonAsync("/api/catalog/locations/by-query", new { query = new { type = "file" } })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, page["totalItems"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync($"/api/catalog/locations/{id}")).StatusCode);
        await ErrorAsync(await Api.GetAsync($"/api/catalog/locations/{id}"), HttpStatusCode.NotFound, "NotFoundError");
    }

    [Fact]
    public async Task Dry_run_is_201_with_the_generated_location_first_and_refuses_files_outside_the_roots()
    {
        var response = await Api.PostAsJsonAsync("/api/catalog/locations?dryRun=true", new { type = "file", target = Path.Combine(fixture.Folder, "catalog-info.yaml") });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal($"file:{Path.Combine(fixture.Folder, "catalog-info.yaml")}", body["location"]!["id"]!.GetValue<string>());
        Assert.Equal("Location", body["entities"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal(body["location"]!["entityRef"]!.GetValue<string>(), $"location:default/{body["entities"]![0]!["metadata"]!["name"]}");

        var outside = await ErrorAsync(await Api.PostAsJsonAsync("/api/catalog/locations?dryRun=true", new { type = "file", target = "/etc/passwd" }), HttpStatusCode.BadRequest, "InputError");
        Assert.Contains("outside Catalog:FileRoots", outside["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await ErrorAsync(await Api.PostAsJsonAsync("/api/catalog/locations?dryRun=true", new { type = "file" }), HttpStatusCode.BadRequest, "InputError");
    }

    [Fact]
    public async Task Validate_entity_answers_an_empty_200_and_requires_a_location()
    {
        var entity = new { apiVersion = "backstage.io/v1alpha1", kind = "Group", metadata = new { name = "x" }, spec = new { type = "team", children = Array.Empty<string>() } };

        var ok = await Api.PostAsJsonAsync("/api/catalog/validate-entity", new { entity, location = "url:https://example.com/x.yaml" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("", await ok.Content.ReadAsStringAsync());
        var noLocation = await ErrorAsync(await Api.PostAsJsonAsync("/api/catalog/validate-entity", new { entity }), HttpStatusCode.BadRequest, "InputError");
        Assert.Equal("request/body must have required property 'location'", noLocation["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Analyze_location_proposes_a_component_for_a_repository_url_and_refuses_file_paths()
    {
        var response = await Api.PostAsJsonAsync("/api/catalog/analyze-location", new { location = new { type = "url", target = "https://github.com/acme/payments/blob/main/catalog-info.yaml" } });

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("{\"existingEntityFiles\":[],\"generateEntities\":[{\"entity\":{\"apiVersion\":\"backstage.io/v1alpha1\",\"kind\":\"Component\","
            + "\"metadata\":{\"name\":\"payments\",\"annotations\":{\"github.com/project-slug\":\"acme/payments\"}},\"spec\":{\"type\":\"other\",\"lifecycle\":\"unknown\"}},\"fields\":[]}]}",
            body.ToJsonString());
        var file = await ErrorAsync(await Api.PostAsJsonAsync("/api/catalog/analyze-location", new { location = new { type = "file", target = "/etc/passwd" } }), HttpStatusCode.BadRequest, "InputError");
        Assert.Equal("The given location.target is not a URL", file["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refreshing_a_missing_entity_is_not_found()
    {
        var body = await ErrorAsync(await Api.PostAsJsonAsync("/api/catalog/refresh", new { entityRef = "component:default/nope" }), HttpStatusCode.NotFound, "NotFoundError");
        Assert.Equal("Entity component:default/nope not found", body["error"]!["message"]!.GetValue<string>());
    }
}
