using System.Globalization;
using Microsoft.Playwright;

namespace Fawkes.Portal.Bench;

/// <summary>What one open page (one Blazor Server circuit) does in the bench, in a user's words.</summary>
internal static class CircuitPages
{
    public const string Home = "/";
    public const string Catalog = "/catalog";
    public const string Dora = "/dora";

    /// <summary>Clicks on prerendered markup do nothing until the circuit is up (see MainLayout's circuit-ready marker).</summary>
    public static Task WaitForCircuitAsync(this IPage page) =>
        page.Locator("[data-testid=circuit-ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public static async Task SignInAsync(this IPage page, string login, string role)
    {
        await page.GotoAsync("/signin");
        await page.Locator($"input[name=login][value='{login}']").CheckAsync();
        await page.Locator("select#role").SelectOptionAsync(role);
        await page.GetByTestId("dev-signin-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        await page.WaitForCircuitAsync();
    }

    /// <summary>A full page load: a new circuit.</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForCircuitAsync();
        await page.WaitForContentAsync(path);
    }

    /// <summary>Client-side navigation inside the same circuit: the circuit now holds the new page's components.</summary>
    public static async Task NavigateAsync(this IPage page, string path)
    {
        await page.EvaluateAsync("p => Blazor.navigateTo(p)", path);
        await page.WaitForContentAsync(path);
    }

    private static Task WaitForContentAsync(this IPage page, string path) => path switch
    {
        Catalog => page.Locator("[data-testid=catalog-grid] tbody tr a").First.WaitForAsync(),
        Dora => page.Locator("[data-testid=dora-tiles]").WaitForAsync(),
        _ => page.Locator("#stats-heading").WaitForAsync(new() { State = WaitForSelectorState.Attached }),
    };

    /// <summary>
    /// Ticks (or unticks) Component in the Kind facet and returns the milliseconds from the click until the grid shows the
    /// new total, measured inside the page (a MutationObserver fires on the DOM change that the render batch applies), so
    /// the driver's own round trips are not counted.
    /// </summary>
    public static async Task<double> ToggleComponentFacetAsync(this IPage page)
    {
        var ms = await page.EvaluateAsync<double>("""
            () => new Promise((resolve, reject) => {
              const grid = document.querySelector('[data-testid=catalog-grid]');
              const caption = () => [...grid.querySelectorAll('.mud-table-pagination-caption')].map(e => e.textContent.trim()).find(t => t.includes(' of ')) ?? '';
              const value = [...document.querySelectorAll('[data-testid=facet-kind] .facet__value')].find(e => e.textContent.trim() === 'Component');
              if (!value) { reject(new Error('no Component value in the Kind facet')); return; }
              const label = value.closest('label');
              const ticked = label.querySelector('input').checked;
              const before = caption();
              // Ticking: the total becomes the facet's count. Unticking: any other total than the filtered one.
              const count = label.querySelector('.facet__count').textContent.trim();
              const done = () => ticked ? caption() !== before : caption().endsWith(' of ' + count);
              const timer = setTimeout(() => { observer.disconnect(); reject(new Error('grid did not change within 10 s: ' + caption())); }, 10000);
              const observer = new MutationObserver(() => {
                if (done()) { observer.disconnect(); clearTimeout(timer); resolve(performance.now() - start); }
              });
              observer.observe(grid, { subtree: true, childList: true, characterData: true });
              const start = performance.now();
              label.click();
            })
            """);
        return ms;
    }

    public static string Ms(double value) => value.ToString("F0", CultureInfo.InvariantCulture);
}
