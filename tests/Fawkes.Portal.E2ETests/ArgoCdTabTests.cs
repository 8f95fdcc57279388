using Microsoft.Playwright;

namespace Fawkes.Portal.E2ETests;

/// <summary>A newcomer in demo mode opens a degraded service's ArgoCD tab (served by the simulated ArgoCD).</summary>
public sealed class ArgoCdTabTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_degraded_demo_service_shows_which_resource_is_degraded_why_and_its_history()
    {
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.Host.BaseAddress.ToString() });
        await page.SignInAsync("priya.raman", "Developer");

        await page.GoToAsync("/catalog/default/component/fraud-check?tab=argocd");

        var problem = page.GetByTestId("argocd-problem").First;
        await Assertions.Expect(problem).ToHaveAttributeAsync("data-reason", "Degraded", new() { Timeout = 15000 });
        await Assertions.Expect(problem).ToContainTextAsync("exceeded its progress deadline");
        await Assertions.Expect(page.GetByTestId("argocd-health").First).ToHaveTextAsync("Degraded");
        await Assertions.Expect(page.GetByTestId("argocd-demo")).ToContainTextAsync("demo");
        await Assertions.Expect(page.GetByTestId("argocd-deployment")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("argocd-deployment").First).ToContainTextAsync("@fawkes.example");
        // priya.raman is in payments-team, which owns fraud-check: she may sync, after confirming.
        await page.GetByTestId("argocd-sync").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Sync fraud-check?");
    }
}
