using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fawkes.Portal.E2ETests;

[Collection(BrowserCollection.Name)]
public sealed class ShellTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_new_user_signs_in_visits_every_area_switches_theme_and_signs_out()
    {
        var page = await fixture.NewPageAsync();

        // Anonymous: every page sends you to sign-in, which says it is the development sign-in.
        await page.GotoAsync("/dora");
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await Expect(page.GetByTestId("dev-banner")).ToBeVisibleAsync();

        await page.SignInAsync("amara.okafor", "Admin");
        await Expect(page.Heading()).ToHaveTextAsync("Welcome, Amara");
        await Expect(page.GetByTestId("dev-banner")).ToBeVisibleAsync();
        // Home is filled by the features: the catalog's numbers link to the filtered list.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Components", Exact = true })).ToHaveAttributeAsync("href", "/catalog?kind=Component");

        // Through the navigation drawer, like a user, to every area.
        var areas = new (string Link, string Path, string Title)[]
        {
            ("Catalog", "/catalog", "Software Catalog"),
            ("Create", "/create", "Create something new"),
            ("DORA", "/dora", "DORA metrics"),
            ("Dojo", "/dojo", "Dojo"),
            ("Admin", "/admin", "Administration"),
            ("Home", "/", "Welcome, Amara"),
        };
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Primary" });
        foreach (var (link, path, title) in areas)
        {
            await nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(path)}(\\?.*)?$"));
            await Expect(page.Heading()).ToHaveTextAsync(title);
        }

        // Theme: toggling switches the page and is remembered across a reload.
        var main = page.Locator("main#main-content");
        var before = await main.GetAttributeAsync("data-theme");
        await page.GetByTestId("theme-toggle").ClickAsync();
        var after = before == "dark" ? "light" : "dark";
        await Expect(main).ToHaveAttributeAsync("data-theme", after);
        await page.ReloadAsync();
        await page.WaitForCircuitAsync();
        await Expect(main).ToHaveAttributeAsync("data-theme", after);

        // Search box in the app bar takes you to the catalog with the term in the URL.
        await page.GetByLabel("Search the catalog").FillAsync("payments");
        await page.GetByLabel("Search the catalog").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/catalog\\?q=payments$"));

        // Sign out through the user menu.
        await page.GetByTestId("user-menu-button").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?signedOut=true"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
    }

    [Fact]
    public async Task A_developer_does_not_see_admin_and_is_refused_the_admin_page()
    {
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("priya.raman", "Developer");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Primary" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Catalog", Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToHaveCountAsync(0);

        await page.GoToAsync("/admin");
        await Expect(page.Heading()).ToHaveTextAsync("Access denied");
    }

    [Fact]
    public async Task At_phone_width_the_drawer_is_closed_and_the_menu_button_opens_it()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await page.SignInAsync("mei.chen", "Learner");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Primary" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Dojo", Exact = true })).Not.ToBeInViewportAsync();

        await page.GetByLabel("Toggle navigation").ClickAsync();
        await nav.GetByRole(AriaRole.Link, new() { Name = "Dojo", Exact = true }).ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync("Dojo");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "The page scrolls sideways at phone width.");
    }

    [Fact]
    public async Task Keyboard_focus_lands_on_the_heading_and_the_skip_link_moves_to_main()
    {
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("lucas.moreau", "Developer");

        // After each navigation focus moves to the page's h1, so screen readers announce the new page.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Primary" }).GetByRole(AriaRole.Link, new() { Name = "DORA", Exact = true }).ClickAsync();
        await Expect(page.Heading()).ToBeFocusedAsync();

        // The skip link is the first tab stop of the document and is visible when focused.
        var firstFocusable = await page.EvaluateAsync<string>("() => document.querySelector('a[href], button, input, select, [tabindex]:not([tabindex=\"-1\"])').textContent.trim()");
        Assert.Equal("Skip to main content", firstFocusable);
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await skip.FocusAsync();
        await Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#main-content")).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Banner)).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
    }
}
