using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fawkes.Portal.Testing;
using Microsoft.Playwright;
using YamlDotNet.RepresentationModel;
using static Microsoft.Playwright.Assertions;

namespace Fawkes.Portal.E2ETests;

/// <summary>
/// Issue #11's journey in demo mode with the real curriculum: a newcomer reads a White-belt module, fails then passes its
/// quiz, fails then passes a lab by fixing the service on its ArgoCD tab, finishes the belt, opens the certificate and
/// verifies its Open Badges assertion; a PlatformLead then sees the team view and a recommendation from the demo DORA data.
/// The belt's other quizzes, labs, golden-path run and assessment go through the same APIs the pages call, with the
/// learner's own browser session (the browser context's request API shares its cookies).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DojoJourneyTests(BrowserFixture fixture)
{
    private const string Service = "component:default/fraud-check";
    private static readonly string[] WhiteModules =
        ["white-internal-delivery-platforms", "white-dora-metrics", "white-gitops-principles", "white-first-deployment-golden-path"];

    [Fact]
    public async Task A_newcomer_earns_the_white_belt_verifies_its_badge_and_a_lead_sees_the_team_and_a_recommendation()
    {
        await using var host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?>
        {
            ["Portal:RateLimits:SignInPerMinute"] = "1000",
            ["Integrations:ArgoCd:CacheSeconds"] = "1",
        });
        await DojoLabTests.WaitForCatalogAsync(host);
        await using var context = await fixture.Browser.NewContextAsync(new() { BaseURL = host.BaseAddress.ToString() });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.SignInAsync("priya.raman", "Developer");
        var answers = CorrectAnswers();

        // Read the first module and fail, then pass, its quiz in the browser.
        await OpenAsync(page, WhiteModules[0]);
        await page.GetByTestId("read-objectives").ClickAsync();
        await Expect(page.GetByTestId("read-objectives")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GetByTestId("quiz-submit").ClickAsync();
        await Expect(page.GetByTestId("quiz-result")).ToContainTextAsync("Not passed yet: 0 of");
        await page.GetByTestId("quiz-retake").ClickAsync();
        foreach (var (question, options) in answers[WhiteModules[0]])
        {
            foreach (var option in options)
            {
                await DojoTests.ChooseAsync(page, $"option-{question}-{option}");
            }
        }
        await page.GetByTestId("quiz-submit").ClickAsync();
        await Expect(page.GetByTestId("quiz-result")).ToContainTextAsync("Passed:");

        // Fail the GitOps lab, fix the service where the check says, pass it.
        await OpenAsync(page, WhiteModules[2]);
        await page.GetByTestId("lab-run").ClickAsync();
        await Expect(page.GetByTestId("lab-result")).ToHaveAttributeAsync("data-passed", "false");
        await page.Locator("[data-testid=lab-check][data-type=argocd]").GetByTestId("lab-fix").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/catalog/default/component/fraud-check\\?tab=argocd$"));
        await page.GetByTestId("argocd-sync").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Sync" }).ClickAsync();
        await Expect(page.GetByTestId("argocd-health").First).ToHaveTextAsync("Healthy", new() { Timeout = 40_000 });
        await OpenAsync(page, WhiteModules[2]);
        await page.GetByTestId("lab-run").ClickAsync();
        await Expect(page.GetByTestId("lab-result")).ToHaveAttributeAsync("data-passed", "true");

        // The rest of the belt, through the pages' APIs as the learner: a golden-path run, the quizzes, the labs, the assessment.
        var api = context.APIRequest;
        await RunGoldenPathAsync(api);
        foreach (var module in WhiteModules.Skip(1))
        {
            var quiz = await PostAsync(api, $"/api/dojo/modules/{module}/quiz", new { answers = answers[module] });
            Assert.True(quiz["passed"]!.GetValue<bool>(), $"{module} quiz: {quiz}");
        }
        foreach (var module in WhiteModules.Where(m => m != WhiteModules[2]))
        {
            var lab = await PostAsync(api, $"/api/dojo/modules/{module}/lab", new { service = Service });
            Assert.True(lab["passed"]!.GetValue<bool>(), $"{module} lab: {lab}");
        }
        var sheet = await GetAsync(api, "/api/dojo/belts/white/assessment");
        var beltAnswers = sheet["questions"]!.AsArray().Select(q => q!["id"]!.GetValue<string>())
            .ToDictionary(id => id, id => answers[id[..id.IndexOf('/', StringComparison.Ordinal)]][id[(id.IndexOf('/', StringComparison.Ordinal) + 1)..]]);
        var assessment = await PostAsync(api, "/api/dojo/belts/white/assessment", new { attemptId = sheet["attemptId"]!.GetValue<string>(), answers = beltAnswers });
        Assert.True(assessment["passed"]!.GetValue<bool>());

        // The certificate on the Dojo home, its public page, and its badge documents as a verifier fetches them.
        await page.GoToAsync("/dojo");
        await Expect(page.GetByTestId("dojo-review")).ToContainTextAsync("Nothing is due today");
        await Expect(page.GetByTestId("dojo-recommendations-payments-team")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "dojo-home-learner.png");
        await page.GetByTestId("certificate-white").ClickAsync();
        await Expect(page.GetByTestId("certificate-belt")).ToContainTextAsync("White");
        var id = await page.GetByTestId("certificate-id").InnerTextAsync();
        var assertionUrl = await page.GetByTestId("assertion-link").GetAttributeAsync("href");
        await using var verifier = await fixture.Browser.NewContextAsync();
        var assertion = await GetAsync(verifier.APIRequest, assertionUrl!);
        Assert.Equal(("Assertion", assertionUrl, "hosted"), (assertion["type"]!.GetValue<string>(), assertion["id"]!.GetValue<string>(),
            assertion["verification"]!["type"]!.GetValue<string>()));
        Assert.Contains(id, assertionUrl, StringComparison.Ordinal);
        Assert.StartsWith("sha256$", assertion["recipient"]!["identity"]!.GetValue<string>(), StringComparison.Ordinal);
        var badge = await GetAsync(verifier.APIRequest, assertion["badge"]!.GetValue<string>());
        Assert.Equal("BadgeClass", badge["type"]!.GetValue<string>());
        var issuer = await GetAsync(verifier.APIRequest, badge["issuer"]!.GetValue<string>());
        Assert.Equal("Profile", issuer["type"]!.GetValue<string>());

        // A PlatformLead sees payments-team's progress and what the Dojo recommends from its DORA numbers.
        await using var leadContext = await fixture.Browser.NewContextAsync(new() { BaseURL = host.BaseAddress.ToString() });
        var lead = await leadContext.NewPageAsync();
        await lead.SignInAsync("amara.okafor", "PlatformLead");
        await lead.GoToAsync("/dojo/team?team=payments-team");
        await Expect(lead.GetByTestId("member-priya.raman")).ToContainTextAsync("White");
        await ScreenshotAsync(lead, "dojo-team.png");
        await lead.GoToAsync("/dora?team=payments-team");
        var recommendation = lead.Locator("[data-testid=dojo-recommendation][data-metric=changeFailureRate]").First;
        await Expect(recommendation).ToBeVisibleAsync();
        await recommendation.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(lead, "dora-recommendations.png");
    }

    /// <summary>Set FAWKES_SCREENSHOTS to a folder to keep the journey's screenshots (docs/screenshots).</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("FAWKES_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.WaitForTimeoutAsync(500); // let charts and fonts settle
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name) });
        }
    }

    private static async Task OpenAsync(IPage page, string module)
    {
        await page.GoToAsync($"/dojo/modules/{module}");
        await page.GetByTestId("dojo-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>The learner's own successful golden-path run (the last White lab checks for one).</summary>
    private static async Task RunGoldenPathAsync(IAPIRequestContext api)
    {
        var task = await PostAsync(api, "/api/scaffolder/v2/tasks", new
        {
            templateRef = "template:default/python-fastapi-service",
            values = new
            {
                name = "journey-service", description = "Made on the Dojo journey", owner = "group:default/payments-team",
                pythonVersion = "3.12", repoUrl = "github.com?owner=fawkes-demo&repo=journey-service",
            },
        });
        var id = task["id"]!.GetValue<string>();
        for (var i = 0; i < 120; i++)
        {
            var status = (await GetAsync(api, $"/api/scaffolder/v2/tasks/{id}"))["status"]!.GetValue<string>();
            if (status is "completed")
            {
                return;
            }
            Assert.NotEqual("failed", status);
            await Task.Delay(500);
        }
        throw new TimeoutException("The golden-path run did not complete within a minute.");
    }

    private static async Task<JsonNode> GetAsync(IAPIRequestContext api, string url)
    {
        var response = await api.GetAsync(url);
        Assert.True(response.Ok, $"GET {url}: {response.Status} {await response.TextAsync()}");
        return JsonNode.Parse(await response.TextAsync())!;
    }

    private static async Task<JsonNode> PostAsync(IAPIRequestContext api, string url, object body)
    {
        var response = await api.PostAsync(url, new() { DataObject = body });
        Assert.True(response.Ok, $"POST {url}: {response.Status} {await response.TextAsync()}");
        return JsonNode.Parse(await response.TextAsync())!;
    }

    /// <summary>Module id → question id → the correct option ids, read from the curriculum's quiz files.</summary>
    private static Dictionary<string, Dictionary<string, string[]>> CorrectAnswers()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "content", "dojo", "white")))
        {
            dir = dir.Parent;
        }
        var white = Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("content/dojo not found above the test's folder"), "content", "dojo", "white");
        var result = new Dictionary<string, Dictionary<string, string[]>>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(white, "*.quiz.yaml"))
        {
            var yaml = new YamlStream();
            using (var reader = File.OpenText(file))
            {
                yaml.Load(reader);
            }
            var root = (YamlMappingNode)yaml.Documents[0].RootNode;
            result[Scalar(root, "module")] = ((YamlSequenceNode)root["questions"]).Cast<YamlMappingNode>().ToDictionary(
                q => Scalar(q, "id"),
                q => ((YamlSequenceNode)q["options"]).Cast<YamlMappingNode>()
                    .Where(o => o.Children.TryGetValue("correct", out var c) && ((YamlScalarNode)c).Value == "true")
                    .Select(o => Scalar(o, "id")).ToArray(),
                StringComparer.Ordinal);
        }
        return result;
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;
}
