using Microsoft.Playwright;

namespace Fawkes.Portal.E2ETests;

/// <summary>Page-object helpers: what a user does, in the words a user would use.</summary>
public static class PortalPage
{
    /// <summary>Clicks on prerendered markup do nothing until the Blazor circuit is up; wait for it.</summary>
    public static Task WaitForCircuitAsync(this IPage page) =>
        page.Locator("[data-testid=circuit-ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <param name="baseAddress">Another portal than the fixture's (a second replica); null: the page's own.</param>
    public static async Task SignInAsync(this IPage page, string login, string role, Uri? baseAddress = null)
    {
        await page.GotoAsync(baseAddress is null ? "/signin" : new Uri(baseAddress, "/signin").ToString());
        await page.Locator($"input[name=login][value='{login}']").CheckAsync();
        await page.Locator("select#role").SelectOptionAsync(role);
        await page.GetByTestId("dev-signin-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        await page.WaitForCircuitAsync();
    }

    public static async Task GoToAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForCircuitAsync();
    }

    public static ILocator Heading(this IPage page) => page.Locator("main h1");
}
