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
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.NewPageAsync(1366, 1000);
        await page.SignInAsync("jonas.weber", "PlatformLead");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Primary" }).GetByRole(AriaRole.Link, new() { Name = "DORA", Exact = true }).ClickAsync();

        // The demo history is seeded in the background at start-up.
        var tiles = page.GetByTestId("dora-tiles");
        await Expect(tiles).ToContainTextAsync("Deployment frequency", new() { Timeout = 20_000 });
        await Expect(tiles.Locator(".level").First).ToHaveTextAsync(new Regex("elite|high|medium|low"));
        await Expect(page.GetByTestId("dora-chart").Locator("svg.main-svg").First).ToBeAttachedAsync(new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("dora-stability-chart").Locator("svg.main-svg").First).ToBeAttachedAsync(new() { Timeout = 15_000 });

        await Expect(page.GetByTestId("dora-breakdown")).ToContainTextAsync("Pickup (PR → first review)");
        await Expect(page.GetByTestId("dora-lead-time-distribution").Locator("g.trace.bars g.point path").First).ToBeAttachedAsync(new() { Timeout = 15_000 });
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
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("priya.raman", "Developer");
        await page.GoToAsync("/catalog/default/component/payments-api?tab=dora");

        await Expect(page.GetByTestId("dora-tiles")).ToContainTextAsync("Lead time for changes", new() { Timeout = 20_000 });
        await page.GetByTestId("dora-tab-open").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/dora\\?service=payments-api"));
        await Expect(page.Heading()).ToHaveTextAsync("DORA metrics");
    }

    [Fact]
    public async Task An_admin_maps_an_unknown_service_to_a_component_and_later_events_follow()
    {
        await fixture.WaitForDemoDataAsync();
        using var api = fixture.Host.NewClient(bearer: Fawkes.Portal.Testing.PortalHost.BootstrapToken);
        static System.Net.Http.StringContent Json(string s) => new(s, System.Text.Encoding.UTF8, "application/json");
        const string Deploy = """{"type":"deployment","id":"legacy-ID","service":"pay-legacy","environment":"production","result":"success","startedAt":"2025-02-03T10:00:00Z","finishedAt":"2025-02-03T10:05:00Z","revision":"r","commits":[]}""";
        Assert.True((await api.PostAsync("/api/dora/events", Json(Deploy.Replace("ID", "1", StringComparison.Ordinal)))).IsSuccessStatusCode);

        var page = await fixture.NewPageAsync();
        await page.SignInAsync("amara.okafor", "Admin");
        await page.GoToAsync("/dora/data-quality");
        var unmapped = page.GetByTestId("dq-unmapped");
        await Expect(unmapped).ToContainTextAsync("pay-legacy", new() { Timeout = 20_000 });
        await page.GetByTestId("dq-map-pay-legacy").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "payments-api", Exact = true }).ClickAsync();
        await page.GetByTestId("dq-apply-pay-legacy").ClickAsync();
        await Expect(unmapped).Not.ToContainTextAsync("pay-legacy");

        Assert.True((await api.PostAsync("/api/dora/events", Json(Deploy.Replace("ID", "2", StringComparison.Ordinal).Replace("02-03", "02-04", StringComparison.Ordinal)))).IsSuccessStatusCode);
        var summary = System.Text.Json.Nodes.JsonNode.Parse(await api.GetStringAsync("/api/dora/summary?service=payments-api&from=2025-02-01&to=2025-02-28"))!;
        Assert.Equal(2, summary["deployments"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_change_failure_number_opens_the_deployments_that_caused_incidents()
    {
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.NewPageAsync(1366, 1000);
        await page.SignInAsync("jonas.weber", "PlatformLead");
        await page.GoToAsync("/dora?days=180");

        await page.GetByTestId("dora-tiles").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("deployments caused an incident") }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("show=incidents"));
        // 180 days of the whole organisation are recomputed for the new URL; on a loaded CI machine that takes seconds.
        await Expect(page.GetByTestId("dora-drill-filter")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var rows = page.GetByTestId("dora-deployments").Locator("tbody tr");
        await Expect(rows.First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        foreach (var incidents in await rows.Locator("td:nth-child(6)").AllInnerTextsAsync())
        {
            Assert.False(string.IsNullOrWhiteSpace(incidents), "A row without an incident is shown under the incident filter.");
        }
    }

    [Fact]
    public async Task Clicking_a_week_in_the_chart_lists_the_deployments_of_that_week()
    {
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.NewPageAsync(1366, 1000);
        await page.SignInAsync("jonas.weber", "PlatformLead");
        await page.GoToAsync("/dora?service=payments-api&days=90");
        var bars = page.GetByTestId("dora-chart").Locator("g.trace.bars g.point path");
        await Expect(bars.First).ToBeAttachedAsync(new() { Timeout = 15_000 });

        // A real mouse click on the bar (Plotly listens on the plot area above it, hence Force).
        var bar = bars.Nth(await bars.CountAsync() - 2);
        await bar.ClickAsync(new() { Force = true });

        await Expect(page).ToHaveURLAsync(new Regex("week=\\d{4}-\\d{2}-\\d{2}"), new() { Timeout = 10_000 });
        var week = DateOnly.Parse(Regex.Match(page.Url, "week=([0-9-]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DayOfWeek.Monday, week.DayOfWeek);
        await Expect(page.GetByTestId("dora-drill-week")).ToContainTextAsync(week.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var rows = page.GetByTestId("dora-deployments").Locator("tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        foreach (var finished in await rows.Locator("td:nth-child(1)").AllInnerTextsAsync())
        {
            var day = DateOnly.Parse(finished[..10], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(day, week, week.AddDays(6));
        }
    }

    [Fact]
    public async Task A_custom_window_is_kept_in_the_url_and_a_week_row_opens_its_deployments()
    {
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.NewPageAsync(1366, 1000);
        await page.SignInAsync("jonas.weber", "PlatformLead");
        var to = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-30);
        var from = to.AddDays(-27);
        await page.GoToAsync($"/dora?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");

        await Expect(page.GetByText($"{from:yyyy-MM-dd} to {to:yyyy-MM-dd} (UTC)")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Start date" })).ToHaveValueAsync($"{from:yyyy-MM-dd}");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "End date" })).ToHaveValueAsync($"{to:yyyy-MM-dd}");
        await page.GetByText("Week by week").ClickAsync();
        var firstWeek = page.GetByTestId("dora-periods").Locator("tbody tr a").First;
        var label = (await firstWeek.InnerTextAsync()).Trim();
        await firstWeek.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"week={label}"));
        await Expect(page).ToHaveURLAsync(new Regex($"from={from:yyyy-MM-dd}"));
        await Expect(page.GetByTestId("dora-drill-week")).ToContainTextAsync(label);
    }

    [Fact]
    public async Task The_environment_filter_measures_staging_and_a_team_page_has_its_dora_tab()
    {
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.NewPageAsync(1366, 1000);
        await page.SignInAsync("jonas.weber", "PlatformLead");
        await page.GoToAsync("/dora?service=payments-api&days=90");
        await Expect(page.GetByTestId("dora-tiles")).ToContainTextAsync("deployments on", new() { Timeout = 20_000 });

        await page.GetByTestId("dora-environment").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "staging", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("environment=staging"));
        await Expect(page.GetByText("deployments to staging measured in production's place")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("dora-csv")).ToHaveAttributeAsync("href", new Regex("environment=staging"));
        await Expect(page.GetByTestId("dora-deployments").Locator("tbody tr").First).ToBeVisibleAsync();

        await page.GoToAsync("/catalog/default/group/payments-team?tab=dora");
        await Expect(page.GetByText("Every component payments-team owns, combined")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("dora-tiles")).ToContainTextAsync("Deployment frequency");
        await page.GetByTestId("dora-tab-open").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/dora\\?team=payments-team"));
    }

    [Fact]
    public async Task Trends_by_month_and_a_months_bar_lists_that_months_deployments()
    {
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.NewPageAsync(1366, 1000);
        await page.SignInAsync("jonas.weber", "PlatformLead");
        await page.GoToAsync("/dora?days=180&service=checkout-web");
        await Expect(page.GetByTestId("dora-tiles")).ToContainTextAsync("deployments on", new() { Timeout = 20_000 });

        await page.GetByTestId("dora-bucket").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Month", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("bucket=month"));
        await Expect(page.GetByTestId("dora-chart")).ToContainTextAsync("Deployments per month", new() { Timeout = 20_000 }); // Plotly draws after the data; slow on a loaded machine
        await Expect(page.GetByTestId("dora-csv")).ToHaveAttributeAsync("href", new Regex("bucket=month"));

        var bars = page.GetByTestId("dora-chart").Locator("g.trace.bars g.point path");
        await Expect(bars.First).ToBeAttachedAsync(new() { Timeout = 15_000 });
        await bars.Nth(await bars.CountAsync() - 2).ClickAsync(new() { Force = true });

        await Expect(page).ToHaveURLAsync(new Regex("week=\\d{4}-\\d{2}(&|#|$)"), new() { Timeout = 10_000 });
        var month = Regex.Match(page.Url, "week=([0-9-]+)").Groups[1].Value;
        await Expect(page.GetByTestId("dora-drill-week")).ToContainTextAsync($"month {month}");
        foreach (var finished in await page.GetByTestId("dora-deployments").Locator("tbody tr td:nth-child(1)").AllInnerTextsAsync())
        {
            Assert.StartsWith(month, finished, StringComparison.Ordinal);
        }
    }
}
