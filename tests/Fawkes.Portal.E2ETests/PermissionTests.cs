using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fawkes.Portal.E2ETests;

/// <summary>What the permission service shows in the browser: actions appear only for those who may take them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PermissionTests(BrowserFixture fixture)
{
    private async Task<IPage> EntityPageAsync(string login, string role, string name)
    {
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.NewPageAsync();
        await page.SignInAsync(login, role);
        await page.GoToAsync($"/catalog/default/component/{name}");
        await Expect(page.GetByTestId("about-card")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        return page;
    }

    [Fact]
    public async Task Unregister_shows_for_an_admin_but_not_for_a_developer_of_another_team()
    {
        var developer = await EntityPageAsync("priya.raman", "Developer", "checkout-web");
        await Expect(developer.GetByTestId("unregister")).ToHaveCountAsync(0);

        var admin = await EntityPageAsync("amara.okafor", "Admin", "checkout-web");
        await Expect(admin.GetByTestId("unregister")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_learner_sees_locations_without_the_read_again_button_and_cannot_open_register()
    {
        await fixture.WaitForDemoDataAsync();
        var learner = await fixture.NewPageAsync();
        await learner.SignInAsync("mei.chen", "Learner");
        await learner.GoToAsync("/catalog/locations");
        await Expect(learner.GetByTestId("locations")).ToBeVisibleAsync();
        await Expect(learner.GetByTestId("refresh-location")).ToHaveCountAsync(0);
        await Expect(learner.GetByRole(AriaRole.Link, new() { Name = "Register" })).ToHaveCountAsync(0);

        await learner.GotoAsync("/catalog/register");
        await Expect(learner).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/access-denied"));

        var developer = await fixture.NewPageAsync();
        await developer.SignInAsync("priya.raman", "Developer");
        await developer.GoToAsync("/catalog/locations");
        await Expect(developer.GetByTestId("refresh-location").First).ToBeAttachedAsync();
    }

    [Fact]
    public async Task An_open_page_is_signed_out_at_once_when_an_admin_changes_the_persons_access()
    {
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("mei.chen", "Learner");
        await page.GoToAsync("/catalog");
        var people = fixture.Host.Services.GetRequiredService<Fawkes.Portal.Identity.Users.UserDirectory>();
        try
        {
            await people.SetRoleAsync("mei.chen", "Learner", "e2e-admin");

            // The circuit hears the change through the feed and drops the principal: the page goes to sign-in by itself.
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"), new() { Timeout = 10_000 });
        }
        finally
        {
            await people.SetRoleAsync("mei.chen", null, "e2e-admin");
        }
    }
}
