using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Catalog;

public sealed class BackstageMirrorTests
{
    private static JsonObject Upstream(int i) => JsonNode.Parse($$"""
        {
          "apiVersion": "backstage.io/v1alpha1", "kind": "Component",
          "metadata": { "name": "mirrored-{{i}}", "namespace": "default", "uid": "upstream-uid-{{i}}", "etag": "e{{i}}",
                        "annotations": { "backstage.io/managed-by-location": "url:https://github.com/acme/svc-{{i}}/blob/main/catalog-info.yaml" } },
          "spec": { "type": "service", "lifecycle": "production", "owner": "team-{{i % 3}}" },
          "relations": [ { "type": "ownedBy", "targetRef": "group:default/stale" } ],
          "status": { "items": [] }
        }
        """)!.AsObject();

    [Fact]
    public async Task A_backstage_backend_is_mirrored_page_by_page_keeping_the_origin()
    {
        var entities = Enumerable.Range(0, 1_203).Select(Upstream).ToList();
        entities[10]["spec"]!.AsObject().Remove("owner");
        await using var backstage = await FakeBackstage.StartAsync(entities, "upstream-token");
        var settings = CatalogFixture.Settings(Directory.CreateTempSubdirectory().FullName);
        settings["Catalog:BackstageToken"] = "upstream-token";
        await using var host = await PortalHost.StartPostgresAsync(settings);
        using var api = host.NewClient(bearer: PortalHost.BootstrapToken);

        var response = await api.PostAsJsonAsync("/api/catalog/locations", new { type = "backstage", target = backstage.BaseAddress.ToString() });

        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["location"]!["id"]!.GetValue<string>();
        var page = (await api.GetFromJsonAsync<JsonObject>("/api/catalog/entities/by-query?filter=kind=component&limit=0"))!;
        Assert.Equal(1_202, page["totalItems"]!.GetValue<int>());

        var one = (await api.GetFromJsonAsync<JsonObject>("/api/catalog/entities/by-name/component/default/mirrored-7"))!;
        Assert.NotEqual("upstream-uid-7", one["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("url:https://github.com/acme/svc-7/blob/main/catalog-info.yaml", one["metadata"]!["annotations"]!["fawkes.io/backstage-origin-location"]!.GetValue<string>());
        Assert.Equal(["group:default/team-1"], one["relations"]!.AsArray().Select(r => r!["targetRef"]!.GetValue<string>()));

        var location = (await api.GetFromJsonAsync<JsonObject>($"/api/catalog/locations/{id}"))!;
        Assert.Contains("item 10: spec.owner is required", location["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backstage_backend_that_refuses_us_is_an_error_on_the_location()
    {
        await using var backstage = await FakeBackstage.StartAsync([Upstream(1)], "the-right-token");
        var settings = CatalogFixture.Settings(Directory.CreateTempSubdirectory().FullName);
        settings["Catalog:BackstageToken"] = "a-wrong-token";
        await using var host = await PortalHost.StartPostgresAsync(settings);
        using var api = host.NewClient(bearer: PortalHost.BootstrapToken);

        var response = await api.PostAsJsonAsync("/api/catalog/locations", new { type = "backstage", target = backstage.BaseAddress.ToString() });
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["location"]!["id"]!.GetValue<string>();

        var location = (await api.GetFromJsonAsync<JsonObject>($"/api/catalog/locations/{id}"))!;
        Assert.Contains("answered 401", location["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
