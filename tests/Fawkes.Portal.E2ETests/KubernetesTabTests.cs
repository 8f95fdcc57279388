using Microsoft.Playwright;

namespace Fawkes.Portal.E2ETests;

/// <summary>A newcomer in demo mode opens a crash-looping service's Kubernetes tab (served by the simulated cluster).</summary>
public sealed class KubernetesTabTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_crash_looping_demo_service_shows_the_problem_why_and_what_to_do()
    {
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = fixture.Host.BaseAddress.ToString() });
        await page.SignInAsync("priya.raman", "Developer");

        await page.GoToAsync("/catalog/default/component/fraud-check?tab=kubernetes");

        var problem = page.GetByTestId("k8s-problem").First;
        await Assertions.Expect(problem).ToHaveAttributeAsync("data-reason", "CrashLoopBackOff", new() { Timeout = 15000 });
        await Assertions.Expect(problem).ToContainTextAsync("keeps crashing");
        await Assertions.Expect(problem.GetByTestId("k8s-suggestion")).ToContainTextAsync("--previous");
        await Assertions.Expect(page.GetByTestId("k8s-demo")).ToContainTextAsync("demo");
        await Assertions.Expect(page.GetByTestId("k8s-pod").First).ToContainTextAsync("CrashLoopBackOff");
    }
}
