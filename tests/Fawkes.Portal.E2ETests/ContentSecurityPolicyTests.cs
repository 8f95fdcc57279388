using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fawkes.Portal.E2ETests;

/// <summary>The Content-Security-Policy in a real browser: the portal works under it, and other sites cannot frame it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Home_the_catalog_and_the_DORA_charts_work_with_no_policy_violation()
    {
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.NewPageAsync();
        var console = new List<string>();
        var sockets = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => console.Add($"pageerror: {error}");
        page.WebSocket += (_, socket) => sockets.Add(socket.Url);

        await page.SignInAsync("jonas.weber", "PlatformLead");
        await Expect(page.Heading()).ToHaveTextAsync("Welcome, Jonas");
        await page.GoToAsync("/catalog");
        await Expect(page.Heading()).ToHaveTextAsync("Software Catalog");
        await page.GoToAsync("/dora");
        await Expect(page.GetByTestId("dora-chart").Locator(".js-plotly-plot svg.main-svg").First).ToBeAttachedAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("dora-chart").Locator("g.trace.bars g.point path").First).ToBeAttachedAsync();

        // The circuit runs over a same-origin websocket, which connect-src 'self' must allow (no fallback to long polling).
        Assert.Contains(sockets, url => url.Contains("/_blazor", StringComparison.Ordinal));
        Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
            || m.Contains("Content-Security-Policy", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(console, m => m.StartsWith("pageerror", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Picking_a_demo_user_still_picks_their_role_without_inline_handlers()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/signin");
        var learner = page.Locator("input[name=login][data-role=Learner]").First;

        await learner.CheckAsync();

        await Expect(page.Locator("select#role")).ToHaveValueAsync("Learner");
    }

    [Fact]
    public async Task Another_site_cannot_show_a_portal_page_in_a_frame()
    {
        var portal = new Uri(fixture.Host.BaseAddress, "/signin");
        var framing = fixture.Web.Put("framing.html",
            $"<!DOCTYPE html><html><body><h1>Another site</h1><iframe id=\"portal\" src=\"{portal}\" width=\"800\" height=\"600\"></iframe></body></html>");
        Assert.NotEqual(new Uri(framing).Port, portal.Port);
        var page = await fixture.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);

        await page.GotoAsync(framing, new() { WaitUntil = WaitUntilState.Load });
        await Expect(page.Locator("h1")).ToHaveTextAsync("Another site");

        // Chromium shows its own error page in the frame instead of the portal's document.
        var frame = page.Frames.Single(f => f != page.MainFrame);
        var content = await frame.ContentAsync();
        Assert.False(frame.Url.StartsWith(fixture.Host.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal), frame.Url);
        Assert.DoesNotContain("Fawkes Portal", content, StringComparison.Ordinal);
        Assert.DoesNotContain("dev-signin-form", content, StringComparison.Ordinal);
        Assert.Contains(console, m => m.Contains("frame-ancestors 'none'", StringComparison.Ordinal));
    }
}
