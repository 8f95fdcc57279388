using Microsoft.Playwright;

namespace Fawkes.Portal.E2ETests;

/// <summary>A newcomer in demo mode opens a failing service's Jenkins tab (served by the simulated Jenkins).</summary>
public sealed class JenkinsTabTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_failing_demo_service_shows_the_failed_build_its_stage_and_console_tail()
    {
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.Host.BaseAddress.ToString() });
        await page.SignInAsync("mei.chen", "Learner");

        await page.GoToAsync("/catalog/default/component/fraud-check?tab=jenkins");

        var problem = page.GetByTestId("jenkins-problem").First;
        await Assertions.Expect(problem).ToHaveAttributeAsync("data-reason", "FAILURE", new() { Timeout = 15000 });
        await Assertions.Expect(problem).ToContainTextAsync("stage 'Test'");
        await Assertions.Expect(problem.GetByTestId("jenkins-suggestion")).ToContainTextAsync("Rebuild");
        await Assertions.Expect(page.GetByTestId("jenkins-demo")).ToContainTextAsync("demo");
        await Assertions.Expect(page.GetByTestId("jenkins-build").First).ToHaveAttributeAsync("data-result", "FAILURE");
        await Assertions.Expect(page.GetByTestId("jenkins-stage").Nth(2)).ToHaveAttributeAsync("data-status", "FAILED");
        await Assertions.Expect(page.GetByTestId("jenkins-console")).ToContainTextAsync("refundsArePartial() FAILED");
        // A Learner may look but not rebuild: the button is not there.
        await Assertions.Expect(page.GetByTestId("jenkins-rebuild")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_platform_lead_rebuilds_a_demo_service_after_confirming()
    {
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.Host.BaseAddress.ToString() });
        await page.SignInAsync("jonas.weber", "PlatformLead");
        await page.GoToAsync("/catalog/default/component/checkout-web?tab=jenkins");

        await page.GetByTestId("jenkins-rebuild").ClickAsync(new() { Timeout = 15000 });
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Rebuild", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByText("Rebuild of checkout/checkout-web/main queued.")).ToBeVisibleAsync(new() { Timeout = 10000 });
    }
}
