using Microsoft.Playwright;

namespace Fawkes.Portal.E2ETests;

/// <summary>
/// A newcomer in demo mode: the overview strip on a failing service, its links, the Code quality tab (simulated SonarQube),
/// the catalog's health column, and the container logs an owner may read. Set FAWKES_SCREENSHOTS to a folder to keep screenshots.
/// </summary>
public sealed class LiveOverviewTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("FAWKES_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = false });
        }
    }

    [Fact]
    public async Task The_strip_of_a_failing_service_shows_each_system_and_links_to_its_tab()
    {
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("mei.chen", "Learner");

        await page.GoToAsync("/catalog/default/component/fraud-check");

        var strip = page.GetByTestId("live-strip");
        ILocator Item(string system) => strip.Locator($"[data-testid=live-strip-item][data-system={system}]");
        await Assertions.Expect(Item("sonarqube")).ToHaveAttributeAsync("data-tone", "error");
        await Assertions.Expect(Item("sonarqube")).ToContainTextAsync("Quality gate failed");
        await Assertions.Expect(Item("jenkins")).ToContainTextAsync("failed");
        await Assertions.Expect(Item("kubernetes")).ToHaveAttributeAsync("data-tone", "error");
        await Assertions.Expect(Item("kubernetes")).ToContainTextAsync("running");
        await Assertions.Expect(Item("argocd")).ToContainTextAsync("Degraded");
        await Assertions.Expect(strip.GetByTestId("live-strip-problems")).ToHaveAttributeAsync("data-complete", "true");
        await Assertions.Expect(strip.GetByTestId("live-strip-problems")).ToContainTextAsync("open problems");
        await Assertions.Expect(strip.GetByTestId("live-strip-loading")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "live-overview-strip.png");

        await Item("jenkins").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("tab=jenkins", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("jenkins-problem").First).ToHaveAttributeAsync("data-reason", "FAILURE");
    }

    [Fact]
    public async Task The_code_quality_tab_shows_a_failed_gate_with_what_to_do_and_a_passed_one_with_its_measures()
    {
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("mei.chen", "Learner");

        await page.GoToAsync("/catalog/default/component/fraud-check?tab=sonarqube");

        await Assertions.Expect(page.GetByTestId("sonarqube-card")).ToHaveAttributeAsync("data-gate", "ERROR");
        await Assertions.Expect(page.GetByTestId("sonarqube-gate")).ToHaveTextAsync("Failed");
        await Assertions.Expect(page.GetByTestId("sonarqube-problem")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("sonarqube-problem").Nth(1)).ToContainTextAsync("Coverage (on new code) is 61.7 %");
        await Assertions.Expect(page.GetByTestId("sonarqube-problem").Nth(1)).ToContainTextAsync("What to do: Add tests");
        await Assertions.Expect(page.GetByTestId("sonarqube-demo")).ToContainTextAsync("demo");
        await Assertions.Expect(page.GetByTestId("sonarqube-link")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/dashboard\\?id=fawkes_fraud-check$"));
        await ScreenshotAsync(page, "live-sonarqube-failed.png");

        await page.GoToAsync("/catalog/default/component/payments-api?tab=sonarqube");

        await Assertions.Expect(page.GetByTestId("sonarqube-gate")).ToHaveTextAsync("Passed");
        await Assertions.Expect(page.GetByTestId("sonarqube-problem")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=sonarqube-measure][data-metric=Coverage]")).ToContainTextAsync("84.2 %");
        await Assertions.Expect(page.Locator("[data-testid=sonarqube-measure][data-metric=Bugs]")).ToContainTextAsync("0");
    }

    [Fact]
    public async Task The_health_column_of_the_catalog_list_shows_a_dot_per_system()
    {
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("mei.chen", "Learner");
        await page.GoToAsync("/catalog?kind=component&q=fraud-check");

        // MudSwitch may put the test id on its input or on the element around it.
        await page.Locator("input[data-testid=catalog-health-toggle], [data-testid=catalog-health-toggle] input").ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("health=true", StringComparison.Ordinal));
        var cell = page.Locator("[data-testid=catalog-health][data-entity=fraud-check]");
        await Assertions.Expect(cell.Locator("[data-system=sonarqube]")).ToHaveAttributeAsync("data-tone", "error");
        await Assertions.Expect(cell.GetByTestId("catalog-health-item")).ToHaveCountAsync(4);
    }

    [Fact]
    public async Task An_owner_reads_a_crash_looping_containers_log_and_a_learner_has_no_log_viewer()
    {
        await fixture.WaitForDemoDataAsync();
        var learner = await fixture.NewPageAsync();
        await learner.SignInAsync("mei.chen", "Learner");
        await learner.GoToAsync("/catalog/default/component/fraud-check?tab=kubernetes");
        await Assertions.Expect(learner.GetByTestId("k8s-pod").First).ToBeVisibleAsync();
        await Assertions.Expect(learner.GetByTestId("k8s-logs")).ToHaveCountAsync(0);

        var owner = await fixture.NewPageAsync();
        await owner.SignInAsync("priya.raman", "Developer");
        await owner.GoToAsync("/catalog/default/component/fraud-check?tab=kubernetes");
        await owner.GetByTestId("k8s-logs-show").ClickAsync();

        await Assertions.Expect(owner.GetByTestId("k8s-logs-text")).ToContainTextAsync("password authentication failed");
    }
}
