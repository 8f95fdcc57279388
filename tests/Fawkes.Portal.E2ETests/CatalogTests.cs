using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fawkes.Portal.E2ETests;

/// <summary>The demo catalog through the browser: browse, filter, search, open, register.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CatalogTests(BrowserFixture fixture)
{
    private static ILocator Grid(IPage page) => page.GetByTestId("catalog-grid");

    private static async Task<IPage> CatalogAsync(BrowserFixture fixture, string login = "priya.raman", string role = "Developer")
    {
        var page = await fixture.NewPageAsync();
        await page.SignInAsync(login, role);
        await page.GoToAsync("/catalog");
        // The demo catalog is ingested in the background at start-up; the grid reloads when it lands.
        await Expect(Grid(page).Locator("tbody tr a").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        return page;
    }

    [Fact]
    public async Task A_developer_filters_searches_and_opens_an_entity_and_its_relations()
    {
        var page = await CatalogAsync(fixture);

        var kindFacet = page.GetByTestId("facet-kind").Locator("label", new() { HasText = "Component" });
        var count = await kindFacet.Locator(".facet__count").InnerTextAsync();
        await kindFacet.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("kind=Component"));
        await Expect(Grid(page).Locator(".mud-table-pagination-caption", new() { HasText = " of " })).ToContainTextAsync($"of {count}");

        await page.GetByTestId("catalog-search").FillAsync("fraud check");
        await Expect(page).ToHaveURLAsync(new Regex("q=fraud(%20|\\+)check"));
        await Expect(Grid(page).Locator("tbody tr")).ToHaveCountAsync(1);

        // The URL holds the view: reloading shows the same filtered list.
        await page.ReloadAsync();
        await page.WaitForCircuitAsync();
        await Expect(Grid(page).Locator("tbody tr")).ToHaveCountAsync(1);

        await Grid(page).GetByRole(AriaRole.Link, new() { Name = "Fraud Check" }).ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync("Fraud Check");
        await Expect(page.GetByTestId("about-card")).ToContainTextAsync("component:default/fraud-check");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Relations" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("tab=relations"));
        var owner = page.GetByTestId("relations-graph").Locator("a[aria-label='ownedBy group:default/payments-team']");
        await owner.ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync(new Regex("Payments"));
        await page.GetByRole(AriaRole.Tab, new() { Name = "Members" }).ClickAsync();
        await Expect(page.GetByTestId("group-members")).ToContainTextAsync("priya.raman");
    }

    [Fact]
    public async Task An_api_page_lists_its_operations_and_shows_the_raw_definition()
    {
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("lucas.moreau", "Developer");
        await page.GoToAsync("/catalog/default/api/payments-api?tab=definition");

        var operations = page.GetByTestId("api-operations");
        await Expect(operations.First).ToContainTextAsync("/payments", new() { Timeout = 20_000 });
        await Expect(page.Locator(".api-op", new() { HasText = "POST" }).First).ToBeVisibleAsync();

        await page.GetByTestId("raw-toggle").ClickAsync();
        await Expect(page.GetByTestId("api-raw")).ToContainTextAsync("openapi:");
    }

    [Fact]
    public async Task A_developer_registers_a_component_by_url_and_sees_it_within_two_seconds()
    {
        var url = fixture.Web.Put("shop/catalog-info.yaml", """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: loyalty-points
              title: Loyalty Points
              description: Earns and burns loyalty points at checkout.
            spec:
              type: service
              lifecycle: experimental
              owner: checkout-team
              system: checkout
            """);
        var page = await CatalogAsync(fixture, "lucas.moreau");
        await page.GetByTestId("register-link").ClickAsync();
        await page.WaitForCircuitAsync();

        await page.GetByTestId("register-url").FillAsync(url);
        await page.GetByTestId("register-analyze").ClickAsync();
        await Expect(page.GetByTestId("register-preview")).ToContainTextAsync("loyalty-points");

        await page.GetByTestId("register-submit").ClickAsync();
        await page.GetByTestId("register-done").GetByRole(AriaRole.Link, new() { Name = "loyalty-points" }).ClickAsync(new() { Timeout = 2_000 });
        await Expect(page.Heading()).ToHaveTextAsync("Loyalty Points", new() { Timeout = 2_000 });
        await Expect(page.GetByTestId("entity-header")).ToContainTextAsync("checkout-team");
    }

    [Fact]
    public async Task An_invalid_file_is_explained_with_its_line_and_field_before_anything_is_registered()
    {
        var url = fixture.Web.Put("broken/catalog-info.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: half-done\nspec:\n  type: service\n  owner: checkout-team\n");
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("lucas.moreau", "Developer");
        await page.GoToAsync("/catalog/register");

        await page.GetByTestId("register-url").FillAsync(url);
        await page.GetByTestId("register-analyze").ClickAsync();

        var problems = page.GetByTestId("register-problems");
        await Expect(problems).ToContainTextAsync("catalog-info.yaml line 5: spec.lifecycle is required.");
        await Expect(page.GetByTestId("register-submit")).ToBeDisabledAsync();
    }

    [Fact]
    public async Task Starred_entities_can_be_listed_on_their_own()
    {
        var page = await CatalogAsync(fixture, "mei.chen", "Learner");
        await page.GetByTestId("catalog-search").FillAsync("identity service");
        await Grid(page).GetByRole(AriaRole.Link, new() { Name = "Identity Service" }).ClickAsync();
        await page.GetByTestId("star-toggle").ClickAsync();
        await Expect(page.GetByTestId("star-toggle")).ToHaveAttributeAsync("aria-pressed", "true");

        await page.GoToAsync("/catalog?starred=true");
        await Expect(Grid(page).Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(Grid(page)).ToContainTextAsync("Identity Service");
    }
}
