using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Fawkes.Portal.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fawkes.Portal.E2ETests;

/// <summary>
/// A template annotated <c>fawkes.io/requires-approval: platform-lead</c>, run through the wizard by a developer: the run
/// waits, a PlatformLead finds it under <em>Waiting for your approval</em>, sees its parameters and decides in the browser,
/// and the developer's run page follows the decision live.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TemplateApprovalTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_platform_lead_approves_a_developers_waiting_run_and_it_completes()
    {
        await RegisterGatedTemplateAsync();
        var developer = await StartGatedRunAsync("ledger-sync");

        var lead = await fixture.NewPageAsync();
        await lead.SignInAsync("jonas.weber", "PlatformLead");
        await OpenWaitingRunAsync(lead, developer.Url);
        var approval = lead.GetByTestId("task-approval");
        await Expect(approval).ToContainTextAsync("ledger-sync");
        await approval.Locator("input").FillAsync("fits the quarter plan");
        await lead.GetByTestId("task-approve").ClickAsync();

        await Expect(lead.GetByTestId("task-status")).ToContainTextAsync("completed", new() { Timeout = 30_000 });
        await Expect(developer.GetByTestId("task-status")).ToContainTextAsync("completed", new() { Timeout = 30_000 });
        await Expect(developer.GetByTestId("task-log")).ToContainTextAsync("Approved by user:default/jonas.weber: fits the quarter plan");
        await Expect(developer.GetByTestId("task-log")).ToContainTextAsync("creating ledger-sync");
    }

    [Fact]
    public async Task A_platform_lead_rejects_a_waiting_run_with_a_reason_and_it_never_runs()
    {
        await RegisterGatedTemplateAsync();
        var developer = await StartGatedRunAsync("shadow-ledger");

        var lead = await fixture.NewPageAsync();
        await lead.SignInAsync("jonas.weber", "PlatformLead");
        await OpenWaitingRunAsync(lead, developer.Url);
        await Expect(lead.GetByTestId("task-reject")).ToBeDisabledAsync(); // A rejection says why.
        await lead.GetByTestId("task-approval").Locator("input").FillAsync("duplicates the ledger service");
        await lead.GetByTestId("task-reject").ClickAsync();

        await Expect(lead.GetByTestId("task-status")).ToContainTextAsync("rejected", new() { Timeout = 30_000 });
        await Expect(developer.GetByTestId("task-status")).ToContainTextAsync("rejected", new() { Timeout = 30_000 });
        await Expect(developer.GetByTestId("task-log")).ToContainTextAsync("duplicates the ledger service");
        await Expect(developer.GetByTestId("task-log")).Not.ToContainTextAsync("creating shadow-ledger");
    }

    /// <summary>The developer fills the wizard and creates the run; their page shows it waiting.</summary>
    private async Task<IPage> StartGatedRunAsync(string name)
    {
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("priya.raman", "Developer");
        await page.GotoAsync("/create/templates/default/gated-service/run");
        await Expect(page.GetByTestId("template-wizard")).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();
        await page.GetByTestId("field-name").Locator("input").FillAsync(name);
        await page.GetByTestId("wizard-next").ClickAsync();
        await Expect(page.GetByTestId("wizard-review")).ToContainTextAsync(name);
        await page.GetByTestId("wizard-create").ClickAsync();
        await page.WaitForURLAsync(new Regex("/create/tasks/[0-9a-f-]{36}$"));
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("task-status")).ToContainTextAsync("awaiting-approval");
        await Expect(page.GetByTestId("task-approve")).ToHaveCountAsync(0); // Nobody approves their own run.
        Assert.DoesNotContain("formData", page.Url, StringComparison.Ordinal); // The wizard's values stay off the run's address.
        return page;
    }

    /// <summary>The approver's way in: My runs lists what waits for them.</summary>
    private static async Task OpenWaitingRunAsync(IPage lead, string runUrl)
    {
        var id = runUrl[(runUrl.LastIndexOf('/') + 1)..];
        await lead.GoToAsync("/create/tasks");
        await lead.GetByTestId("runs-awaiting").Locator($"a[href='/create/tasks/{id}']").ClickAsync();
        await lead.WaitForURLAsync(new Regex(id));
        await lead.WaitForCircuitAsync();
        await Expect(lead.GetByTestId("task-status")).ToContainTextAsync("awaiting-approval");
    }

    private async Task RegisterGatedTemplateAsync()
    {
        await fixture.WaitForDemoDataAsync();
        var url = fixture.Web.Put("gated/template.yaml", """
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata:
              name: gated-service
              title: Gated service
              annotations: { fawkes.io/requires-approval: platform-lead }
            spec:
              owner: platform-team
              type: service
              parameters:
                - title: Service
                  required: [name]
                  properties:
                    name: { type: string, title: Name, pattern: "^[a-z][a-z0-9-]*$" }
              steps:
                - { id: create, name: Create, action: debug:log, input: { message: "creating ${{ parameters.name }}" } }
            """);
        using var api = fixture.Host.NewClient(bearer: PortalHost.BootstrapToken);
        using var registered = await api.PostAsJsonAsync("/api/catalog/locations", new { type = "url", target = url });
        // The second test finds it registered by the first (409): either way the template is in the catalog.
        Assert.True(registered.IsSuccessStatusCode || (int)registered.StatusCode == 409, await registered.Content.ReadAsStringAsync());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await api.GetAsync("/api/catalog/entities/by-name/template/default/gated-service")).IsSuccessStatusCode)
        {
            Assert.True(DateTime.UtcNow < deadline, "gated-service is not in the catalog after 30 s");
            await Task.Delay(200);
        }
    }
}
