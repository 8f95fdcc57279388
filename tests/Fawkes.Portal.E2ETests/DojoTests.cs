using Fawkes.Portal.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fawkes.Portal.E2ETests;

/// <summary>A learner reads a module of the written test curriculum, marks a part read, fails then passes its quiz.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DojoTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_learner_reads_a_module_marks_a_part_read_and_fails_then_passes_its_quiz()
    {
        using var content = new DojoTestContent();
        await using var host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?>
        {
            ["Dojo:ContentPath"] = content.Root,
            ["Portal:RateLimits:SignInPerMinute"] = "1000",
        });
        await using var context = await fixture.Browser.NewContextAsync(new() { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.SignInAsync("priya.raman", "Learner");

        await page.GoToAsync("/dojo");
        await page.GetByTestId($"module-{DojoTestContent.FirstModule}").ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync("First steps");
        await page.GetByTestId("dojo-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        // Mermaid runs under the portal's CSP (same-origin script, no eval) and turns the block into an SVG.
        await Expect(page.Locator("pre.mermaid svg")).ToBeVisibleAsync();

        await page.GetByTestId("read-theory").ClickAsync();
        await Expect(page.GetByTestId("read-theory")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByTestId("toc-theory")).ToContainTextAsync("✓");

        await page.GetByTestId("quiz-submit").ClickAsync();
        await Expect(page.GetByTestId("quiz-result")).ToContainTextAsync("Not passed yet: 0 of 10 correct");
        await Expect(page.GetByTestId("feedback-q1")).ToContainTextAsync("Because 1.");

        await page.GetByTestId("quiz-retake").ClickAsync();
        for (var i = 1; i <= 10; i++)
        {
            if (i == 2)
            {
                await ChooseAsync(page, "option-q2-a");
                await ChooseAsync(page, "option-q2-b");
            }
            else
            {
                await ChooseAsync(page, $"option-q{i}-a");
            }
        }
        await page.GetByTestId("quiz-submit").ClickAsync();
        await Expect(page.GetByTestId("quiz-result")).ToContainTextAsync("Passed: 10 of 10 correct (100 %)");

        await page.GoToAsync("/dojo");
        // The quiz passed, but the module also has a lab, still to pass: it stays the next module.
        await Expect(page.GetByTestId("next-module")).ToHaveTextAsync("First steps");
        await Expect(page.GetByTestId("streak")).ToHaveTextAsync("1 day");
    }

    /// <summary>Picks an option and waits until the circuit has it: under load a re-render can land between Playwright's
    /// click and its state check, so the click is repeated (only while the option is still unchecked).</summary>
    internal static async Task ChooseAsync(IPage page, string testId)
    {
        var input = page.Locator($"input[data-testid={testId}]");
        for (var attempt = 0; attempt < 3 && !await input.IsCheckedAsync(); attempt++)
        {
            // The visible control (MudBlazor's label around the hidden input) is what a person clicks.
            await input.Locator("xpath=ancestor::label[1]").ClickAsync();
            try
            {
                await Expect(input).ToBeCheckedAsync(new() { Timeout = 3_000 });
            }
            catch (PlaywrightException) when (attempt < 2)
            {
                // Not yet: look again, click again if still unchecked.
            }
        }
        await Expect(input).ToBeCheckedAsync();
    }
}
