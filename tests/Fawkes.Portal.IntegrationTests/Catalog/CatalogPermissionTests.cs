using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Identity.ApiTokens;
using Fawkes.Portal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Catalog;

/// <summary>
/// The attacks the hardening review tried, through the real API on the demo catalog: a Developer of the payments team
/// (priya.raman) against the checkout team's entity and the shared demo location, a Learner forcing a re-read, a write token.
/// </summary>
public sealed class CatalogPermissionTests(PostgresPortalFixture fixture) : IClassFixture<PostgresPortalFixture>
{
    private async Task<HttpClient> SignedInAsync(string login, string role)
    {
        var jar = new CookieContainer();
        var client = fixture.Host.NewClient(cookies: jar);
        (await HttpSignIn.SignInAsync(client, login, role)).Dispose();
        return client;
    }

    private async Task<JsonObject> EntityAsync(string name)
    {
        using var admin = fixture.Host.NewClient(PortalHost.BootstrapToken);
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            using var response = await admin.GetAsync($"/api/catalog/entities/by-name/component/default/{name}");
            if (response.IsSuccessStatusCode)
            {
                return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Demo entity {name} never appeared.");
            await Task.Delay(250);
        }
    }

    private static string Uid(JsonObject entity) => entity["metadata"]!["uid"]!.GetValue<string>();

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string rule)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        // Backstage's error body on catalog routes; the refusing rule rides inside `error` (an intended extra).
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("NotAllowedError", body!["error"]!["name"]!.GetValue<string>());
        Assert.Equal(rule, body["error"]!["rule"]!.GetValue<string>());
        Assert.Equal(403, body["response"]!["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_developer_cannot_delete_another_teams_entity_but_can_delete_their_own()
    {
        var theirs = await EntityAsync("checkout-web");
        var mine = await EntityAsync("payments-worker");
        using var priya = await SignedInAsync("priya.raman", "Developer");

        using (var refused = await priya.DeleteAsync($"/api/catalog/entities/by-uid/{Uid(theirs)}"))
        {
            await AssertRefusedAsync(refused, "catalog.unregister.owner");
        }
        using (var stillThere = await priya.GetAsync($"/api/catalog/entities/by-uid/{Uid(theirs)}"))
        {
            Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        }
        using var deleted = await priya.DeleteAsync($"/api/catalog/entities/by-uid/{Uid(mine)}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task A_developer_cannot_unregister_a_location_holding_other_teams_entities()
    {
        await EntityAsync("checkout-web");
        using var priya = await SignedInAsync("priya.raman", "Developer");
        // Configured (and demo) locations are not listed by GET /locations, as in Backstage; the portal knows their ids.
        var locations = await fixture.Host.Services.GetRequiredService<Fawkes.Portal.Features.Catalog.Ingestion.LocationService>().ListAsync(CancellationToken.None);
        var demo = locations.First(l => l.Origin == "demo");

        using var refused = await priya.DeleteAsync($"/api/catalog/locations/{demo.Id}");

        await AssertRefusedAsync(refused, "catalog.unregister.location");
        using var still = await priya.GetAsync($"/api/catalog/locations/{demo.Id}");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task A_developer_cannot_repoint_a_location_someone_else_registered()
    {
        var service = fixture.Host.Services.GetRequiredService<Fawkes.Portal.Features.Catalog.Ingestion.LocationService>();
        var id = await service.EnsureAsync("file", "/nowhere/registered-by-admin.yaml", "api", "amara.okafor", CancellationToken.None);
        using var priya = await SignedInAsync("priya.raman", "Developer");

        using var refused = await priya.PutAsJsonAsync($"/api/catalog/locations/{id}", new { type = "file", target = "/nowhere/elsewhere.yaml" });

        // Updating drops what the location held, so it needs the unregister permission on that location.
        await AssertRefusedAsync(refused, "catalog.unregister.location");
        Assert.Equal("/nowhere/registered-by-admin.yaml", (await service.GetAsync(id!.Value, CancellationToken.None))!.Target);
    }

    [Fact]
    public async Task A_learner_cannot_force_a_refresh()
    {
        await EntityAsync("checkout-web");
        using var mei = await SignedInAsync("mei.chen", "Learner");

        using var refused = await mei.PostAsJsonAsync("/api/catalog/refresh", new { entityRef = "component:default/checkout-web" });

        await AssertRefusedAsync(refused, "learner.read-only");
    }

    [Fact]
    public async Task A_catalog_write_token_cannot_delete_entities()
    {
        var theirs = await EntityAsync("checkout-web");
        var created = await fixture.Host.Services.GetRequiredService<ApiTokenService>().CreateAsync("writer", ["catalog:write"], 1, "test");
        using var token = fixture.Host.NewClient(created.Secret);

        using var refused = await token.DeleteAsync($"/api/catalog/entities/by-uid/{Uid(theirs)}");

        await AssertRefusedAsync(refused, "catalog.unregister.owner");
    }
}
