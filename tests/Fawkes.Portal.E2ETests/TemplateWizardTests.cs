using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fawkes.Portal.E2ETests;

/// <summary>The template gallery and the parameter wizard over the demo catalog's templates.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TemplateWizardTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_developer_finds_a_template_fills_its_steps_survives_a_reload_and_reaches_review()
    {
        await fixture.WaitForDemoDataAsync();
        var page = await fixture.NewPageAsync();
        await page.SignInAsync("priya.raman", "Developer");
        await page.GoToAsync("/create");

        var cards = page.GetByTestId("template-gallery").Locator(".template-card");
        await Expect(cards).ToHaveCountAsync(2);
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
        await page.GetByTestId("field-description").Locator("textarea").First.FillAsync("Recommends things.");
        var owner = page.GetByTestId("field-owner").Locator("input");
        await owner.FillAsync("platform-team");
        await owner.PressAsync("Tab");
        await page.GetByTestId("wizard-next").ClickAsync();
        await Expect(page.GetByTestId("field-repoUrl")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("step=1"));

        // A reload mid-way keeps the step and every value (they live in the URL's formData).
        await page.ReloadAsync();
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("field-repoUrl")).ToBeVisibleAsync();
        await page.GetByTestId("wizard-back").ClickAsync();
        await Expect(page.GetByTestId("field-name").Locator("input")).ToHaveValueAsync("recommendation-service");
        await page.GetByTestId("wizard-next").ClickAsync();

        await page.GetByTestId("field-repoUrl-owner").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "fawkes" }).ClickAsync();
        await page.GetByTestId("field-repoUrl-repo").FillAsync("recommendation-service");
        await page.GetByTestId("wizard-next").ClickAsync();

        var review = page.GetByTestId("wizard-review");
        await Expect(review).ToContainTextAsync("recommendation-service");
        await Expect(review).ToContainTextAsync("group:default/platform-team");
        await Expect(review).ToContainTextAsync("github.com?owner=fawkes&repo=recommendation-service");
        await page.GetByTestId("wizard-create").ClickAsync();
        await Expect(page.GetByTestId("submission-json")).ToContainTextAsync("\"name\": \"recommendation-service\"");
    }
}
