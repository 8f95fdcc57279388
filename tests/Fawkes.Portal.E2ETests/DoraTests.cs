using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fawkes.Portal.E2ETests;

/// <summary>A platform lead reads the DORA dashboard on the demo history and drills down.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DoraTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_platform_lead_reads_the_tiles_filters_by_team_and_drills_into_a_service()
    {
        var page = await fixture.NewPageAsync(1366, 1000);
        await page.SignInAsync("jonas.weber", "PlatformLead");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Primary" }).GetByRole(AriaRole.Link, new() { Name = "DORA", Exact = true }).ClickAsync();

        // The demo history is seeded in the background at start-up.
        var tiles = page.GetByTestId("dora-tiles");
        await Expect(tiles).ToContainTextAsync("Deployment frequency", new() { Timeout = 20_000 });
        await Expect(tiles.Locator(".level").First).ToHaveTextAsync(new Regex("elite|high|medium|low"));
        await Expect(page.GetByTestId("dora-chart").Locator("svg.main-svg").First).ToBeAttachedAsync(new() { Timeout = 15_000 });

        // The organisation view compares teams.
        await Expect(page.GetByTestId("dora-teams")).ToContainTextAsync("payments-team");

        await page.GetByTestId("dora-team").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "payments-team" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("team=payments-team"));
        await Expect(page.GetByTestId("dora-csv")).ToHaveAttributeAsync("href", new Regex("team=payments-team"));
        var rows = page.GetByTestId("dora-deployments").Locator("tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        foreach (var service in await rows.Locator("td:nth-child(2)").AllInnerTextsAsync())
        {
            Assert.Contains(service.Trim(), new[] { "payments-api", "payments-worker", "fraud-check", "payment-events-publisher" });
        }

        await rows.First.Locator("td:nth-child(2) a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("service=(payments-api|payments-worker|fraud-check|payment-events-publisher)"));
        await Expect(page.GetByTestId("dora-tiles")).ToContainTextAsync("deployments on");
    }

    [Fact]
    public async Task A_component_page_has_a_dora_tab_that_leads_to_its_dashboard()
    {
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("priya.raman", "Developer");
        await page.GoToAsync("/catalog/default/component/payments-api?tab=dora");

        await Expect(page.GetByTestId("dora-tiles")).ToContainTextAsync("Lead time for changes", new() { Timeout = 20_000 });
        await page.GetByTestId("dora-tab-open").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/dora\\?service=payments-api"));
        await Expect(page.Heading()).ToHaveTextAsync("DORA metrics");
    }
}
