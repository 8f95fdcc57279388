using System.Text.RegularExpressions;
using Fawkes.Portal.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fawkes.Portal.E2ETests;

/// <summary>
/// A newcomer in demo mode fails a White-belt lab, fixes the service through the portal's own ArgoCD tab and passes it.
/// Its own portal (the shared one's fraud-check must stay degraded for the ArgoCD tab test), with the real curriculum.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DojoLabTests(BrowserFixture fixture)
{
    private const string Module = "/dojo/modules/white-gitops-principles";

    [Fact]
    public async Task A_newcomer_fails_the_gitops_lab_syncs_the_service_on_its_ArgoCD_tab_and_passes()
    {
        await using var host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?>
        {
            ["Portal:RateLimits:SignInPerMinute"] = "1000",
            ["Integrations:ArgoCd:CacheSeconds"] = "1",
        });
        await WaitForCatalogAsync(host);
        await using var context = await fixture.Browser.NewContextAsync(new() { BaseURL = host.BaseAddress.ToString() });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.SignInAsync("priya.raman", "Developer");

        await OpenModuleAsync(page);
        await page.GetByTestId("lab-run").ClickAsync();
        await Expect(page.GetByTestId("lab-result")).ToHaveAttributeAsync("data-passed", "false");
        await Expect(page.GetByTestId("lab-result")).ToContainTextAsync("component:default/fraud-check");
        var argocd = page.Locator("[data-testid=lab-check][data-type=argocd]");
        await Expect(argocd).ToHaveAttributeAsync("data-status", "FAIL");
        await Expect(argocd).ToContainTextAsync("Degraded");
        await ScreenshotAsync(page, "dojo-lab-fail.png");

        await argocd.GetByTestId("lab-fix").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/catalog/default/component/fraud-check\\?tab=argocd$"));
        await Expect(page.GetByTestId("argocd-health").First).ToHaveTextAsync("Degraded");
        await page.GetByTestId("argocd-sync").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Sync" }).ClickAsync();
        // The simulated sync takes 3 s; the tab asks again every 10 s.
        await Expect(page.GetByTestId("argocd-health").First).ToHaveTextAsync("Healthy", new() { Timeout = 40_000 });

        await OpenModuleAsync(page);
        await Expect(page.GetByTestId("lab-result")).ToHaveAttributeAsync("data-passed", "false"); // the last run, remembered
        await page.GetByTestId("lab-run").ClickAsync();
        await Expect(page.GetByTestId("lab-result")).ToHaveAttributeAsync("data-passed", "true");
        await Expect(page.Locator("[data-testid=lab-check][data-status=PASS]")).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "dojo-lab-pass.png");
    }

    /// <summary>Set FAWKES_SCREENSHOTS to a folder to keep the lab panel's screenshots (docs/screenshots).</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("FAWKES_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.GetByTestId("part-lab").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, name) });
        }
    }

    private static async Task OpenModuleAsync(IPage page)
    {
        await page.GoToAsync(Module);
        await page.GetByTestId("dojo-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.GetByTestId("lab-run")).ToBeEnabledAsync();
    }

    internal static async Task WaitForCatalogAsync(PortalHost host)
    {
        using var api = host.NewClient(bearer: PortalHost.BootstrapToken);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using var user = await api.GetAsync("/api/catalog/entities/by-name/user/default/priya.raman");
            using var service = await api.GetAsync("/api/catalog/entities/by-name/component/default/fraud-check");
            if (user.IsSuccessStatusCode && service.IsSuccessStatusCode)
            {
                return;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The demo catalog did not load within 30 s.");
    }
}
