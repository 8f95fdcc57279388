using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fawkes.Portal.E2ETests;

/// <summary>
/// Charts drawn while plotly.js (4.6 MB) is still loading, as on a slow link or a loaded machine: a filter changed
/// before the script arrived once left the new charts blank for good (Plotly.Blazor's load queue stopped at the
/// removed chart). The script is held back here so the change always lands inside that window.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DoraChartLoadingTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Changing_the_trend_while_plotly_still_loads_still_draws_every_chart()
    {
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.NewPageAsync(1366, 1000);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.SignInAsync("jonas.weber", "PlatformLead");

        var release = new TaskCompletionSource();
        await page.RouteAsync("**/_content/Plotly.Blazor/plotly-3.7.0*.js", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });

        await page.GoToAsync("/dora?days=180&service=checkout-web");
        await Expect(page.GetByTestId("dora-tiles")).ToContainTextAsync("deployments on", new() { Timeout = 20_000 });
        await page.GetByTestId("dora-bucket").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Month", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("bucket=month"));
        await Expect(page.GetByTestId("dora-tiles")).ToContainTextAsync("deployments on", new() { Timeout = 20_000 });
        release.SetResult();

        await Expect(page.GetByTestId("dora-chart")).ToContainTextAsync("Deployments per month", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("dora-stability-chart").Locator("svg.main-svg").First).ToBeAttachedAsync();
        await Expect(page.GetByTestId("dora-lead-time-distribution").Locator("svg.main-svg").First).ToBeAttachedAsync();
        Assert.Empty(errors);
    }
}
