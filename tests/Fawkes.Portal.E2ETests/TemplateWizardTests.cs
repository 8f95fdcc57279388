using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fawkes.Portal.E2ETests;

/// <summary>The template gallery and the parameter wizard over the demo catalog's templates.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TemplateWizardTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_developer_creates_a_python_service_previews_it_runs_it_and_opens_it_in_the_catalog()
    {
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("priya.raman", "Developer");
        await page.GoToAsync("/create");

        var cards = page.GetByTestId("template-gallery").Locator(".template-card");
        await Expect(cards).ToHaveCountAsync(4);
        await page.GetByTestId("template-search").FillAsync("fastapi");
        await Expect(page).ToHaveURLAsync(new Regex("q=fastapi"));
        await Expect(cards).ToHaveCountAsync(1);

        await cards.GetByRole(AriaRole.Link, new() { Name = "Python FastAPI Service" }).ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync("Python FastAPI Service");
        await Expect(page.GetByTestId("template-steps")).ToContainTextAsync("publish:github");
        await Expect(page.GetByTestId("template-yaml")).ToContainTextAsync("kind: Template");
        await page.GetByTestId("choose-template").ClickAsync();
        // Wait for the wizard's own page before the circuit marker: the template page's marker would answer at once.
        await page.WaitForURLAsync(new Regex("/create/templates/default/python-fastapi-service/run"));
        await Expect(page.GetByTestId("template-wizard")).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();

        var name = page.GetByTestId("field-name").Locator("input");
        await name.FillAsync("Bad Name");
        await name.BlurAsync();
        await Expect(page.GetByTestId("field-name")).ToContainTextAsync("must match pattern");
        await name.FillAsync("recommendation-service");
        await Expect(page.GetByTestId("field-name")).Not.ToContainTextAsync("must match pattern");
        await page.GetByTestId("field-description").Locator("input, textarea").First.FillAsync("Recommends things.");
        var owner = page.GetByTestId("field-owner").Locator("input");
        await owner.FillAsync("platform-team");
        await owner.PressAsync("Tab");
        await page.GetByTestId("wizard-next").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("step=1"));
        await page.GetByTestId("wizard-next").ClickAsync();
        await Expect(page.GetByTestId("field-repoUrl")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("step=2"));

        // A reload mid-way keeps the step and every value (they live in the URL's formData).
        await page.ReloadAsync();
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("field-repoUrl")).ToBeVisibleAsync();
        await page.GetByTestId("wizard-back").ClickAsync();
        await page.GetByTestId("wizard-back").ClickAsync();
        await Expect(page.GetByTestId("field-name").Locator("input")).ToHaveValueAsync("recommendation-service");
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("wizard-next").ClickAsync();

        await page.GetByTestId("field-repoUrl-owner").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "fawkes-demo" }).ClickAsync();
        await page.GetByTestId("field-repoUrl-repo").FillAsync("recommendation-service");
        await page.GetByTestId("wizard-next").ClickAsync();

        var review = page.GetByTestId("wizard-review");
        await Expect(review).ToContainTextAsync("recommendation-service");
        await Expect(review).ToContainTextAsync("group:default/platform-team");
        await Expect(review).ToContainTextAsync("github.com?owner=fawkes-demo&repo=recommendation-service");

        // Preview: a dry run shows the rendered files and which steps wait for the real run.
        await page.GetByTestId("wizard-preview").ClickAsync();
        await Expect(page.GetByTestId("preview-files")).ToContainTextAsync("catalog-info.yaml");
        await Expect(page.GetByTestId("preview-steps")).ToContainTextAsync("runs when created");
        await Expect(page.GetByTestId("preview-file")).Not.ToContainTextAsync("${{");
        await ScreenshotAsync(page, "create-wizard-preview.png");

        // Create: the task runs in the background against the demo GitHub and ArgoCD; the run page follows it live.
        await page.GetByTestId("wizard-create").ClickAsync();
        await page.WaitForURLAsync(new Regex("/create/tasks/[0-9a-f-]{36}"));
        await Expect(page.GetByTestId("task-status")).ToContainTextAsync("completed", new() { Timeout = 60_000 });
        await ScreenshotAsync(page, "create-task-run.png");
        var entityLink = page.GetByTestId("output-link").Filter(new() { HasText = "catalog" });
        await entityLink.First.ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync("recommendation-service", new() { Timeout = 30_000 });
    }

    /// <summary>Set FAWKES_SCREENSHOTS to a folder to keep the wizard's screenshots (docs/screenshots).</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("FAWKES_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
        }
    }
}
