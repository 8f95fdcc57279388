using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Fawkes.Portal.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fawkes.Portal.E2ETests;

/// <summary>Two replicas on one database: pages open on one follow changes made through the other (the change feed).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReplicaTests(BrowserFixture fixture)
{
    private Task<PortalHost> SecondReplicaAsync() => PortalHost.StartPostgresAsync(new Dictionary<string, string?>
    {
        ["Catalog:AllowedHosts:0"] = "localhost",
        ["Catalog:AllowPrivateNetworks"] = "true",
        ["Portal:RateLimits:SignInPerMinute"] = "1000",
    }, fixture.Host.ConnectionString);

    [Fact]
    public async Task A_catalog_list_open_on_replica_b_shows_an_entity_registered_on_replica_a_within_two_seconds()
    {
        await fixture.WaitForDemoDataAsync();
        await using var b = await SecondReplicaAsync();
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("priya.raman", "Developer", b.BaseAddress);
        await page.GotoAsync(new Uri(b.BaseAddress, "/catalog?q=replica-feed-check").ToString());
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("catalog-grid").Locator("tbody tr a")).ToHaveCountAsync(0);

        var url = fixture.Web.Put("replica/catalog-info.yaml",
            "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: replica-feed-check\nspec:\n  type: service\n"
            + "  lifecycle: experimental\n  owner: payments-team\n");
        using var a = fixture.Host.NewClient(PortalHost.BootstrapToken);
        using var registered = await a.PostAsJsonAsync("/api/catalog/locations", new { type = "url", target = url });
        registered.EnsureSuccessStatusCode();

        // The replica's snapshot poll runs once a second and the list does not poll at all: only the feed brings it in time.
        await Expect(page.GetByTestId("catalog-grid").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("replica-feed-check", RegexOptions.IgnoreCase) }))
            .ToBeVisibleAsync(new() { Timeout = 2_000 });
    }
}
