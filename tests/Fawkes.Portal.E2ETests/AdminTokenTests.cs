using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fawkes.Portal.E2ETests;

[Collection(BrowserCollection.Name)]
public sealed class AdminTokenTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_admin_creates_a_token_in_the_browser_uses_it_on_the_api_then_revokes_it()
    {
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("amara.okafor", "Admin");
        await page.GoToAsync("/admin?tab=tokens");

        await page.GetByTestId("create-token").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync("jenkins-e2e");
        await dialog.GetByText("dora:write", new() { Exact = true }).ClickAsync();
        await dialog.GetByTestId("token-submit").ClickAsync();

        var secret = (await page.GetByTestId("new-token-secret").InnerTextAsync()).Trim();
        Assert.StartsWith("fwk_", secret, StringComparison.Ordinal);
        var row = page.GetByTestId("token-table").Locator("tr", new() { HasText = "jenkins-e2e" });
        await Expect(row).ToContainTextAsync("dora:write");
        await Expect(row).ToContainTextAsync("Active");

        using var api = fixture.Host.NewClient(bearer: secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode);

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke token jenkins-e2e" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);

        // The audit tab shows both actions, newest first.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Audit log" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("tab=audit"));
        var grid = page.GetByTestId("audit-grid");
        await Expect(grid.Locator("tbody tr").First).ToContainTextAsync("apitoken.revoke");
        await Expect(grid).ToContainTextAsync("apitoken.create");
    }
}
