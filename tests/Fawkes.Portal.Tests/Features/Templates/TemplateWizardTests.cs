using System.Text.Json.Nodes;
using Bunit;
using Fawkes.Portal.Features.Templates;
using Fawkes.Portal.Features.Templates.Forms;
using Fawkes.Portal.Tests.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Fawkes.Portal.Tests.Features.Templates;

public sealed class TemplateWizardTests : ComponentTestBase
{
    private const string TwoSteps = """
        [
          { "title": "Service", "required": ["name"],
            "properties": {
              "name": { "title": "Name", "type": "string", "pattern": "^[a-z][a-z0-9-]*$", "maxLength": 20, "ui:autofocus": true, "ui:help": "For example: billing" },
              "description": { "title": "Description", "type": "string", "ui:widget": "textarea", "ui:options": { "rows": 3 } },
              "language": { "title": "Language", "type": "string", "enum": ["py", "java"], "enumNames": ["Python", "Java"], "ui:widget": "radio", "default": "py" },
              "replicas": { "title": "Replicas", "type": "integer", "minimum": 1, "maximum": 5 }
            } },
          { "title": "Deploy",
            "properties": {
              "deploy": { "title": "Deploy now", "type": "boolean" },
              "token": { "title": "Token", "type": "string", "ui:field": "Secret" }
            },
            "dependencies": { "deploy": { "oneOf": [
              { "properties": { "deploy": { "const": true }, "cluster": { "title": "Cluster", "type": "string", "default": "prod-1" } }, "required": ["cluster"] },
              { "properties": { "deploy": { "const": false } } } ] } } }
        ]
        """;

    private readonly List<WizardSubmission> _created = [];

    public TemplateWizardTests()
    {
        Ctx.Services.AddSingleton<IEntityLookup>(new InMemoryEntityLookup(
            InMemoryEntityLookup.Entity("Group", "payments-team", "team"), InMemoryEntityLookup.Entity("Group", "platform-team", "team"),
            InMemoryEntityLookup.Entity("User", "priya"), InMemoryEntityLookup.Entity("Component", "billing", "service")));
        Ctx.Services.AddScoped<WizardDrafts>();
        Interactive();
    }

    private IRenderedComponent<TemplateWizard> Render(string parameters, string? formData = null, int? step = null)
    {
        Ctx.Render<MudPopoverProvider>();
        return Ctx.Render<TemplateWizard>(p => p
            .Add(w => w.Parameters, JsonNode.Parse(parameters))
            .Add(w => w.DraftKey, "template:default/test")
            .Add(w => w.FormData, formData)
            .Add(w => w.StepIndex, step)
            .Add(w => w.OnCreate, s => _created.Add(s)));
    }

    private string LastUrl() => Ctx.JSInterop.Invocations.Where(i => i.Identifier == "history.replaceState").Last().Arguments[2]!.ToString()!;

    private static JsonObject FormDataOf(string url) =>
        JsonNode.Parse(Uri.UnescapeDataString(url.Split("formData=")[1].Split('&')[0]))!.AsObject();

    [Fact]
    public void Fields_RenderByTypeAndWidget_WithTitleHelpDefaultAndAutofocus()
    {
        var cut = Render(TwoSteps);

        Assert.Contains("For example: billing", cut.Find("[data-testid=field-name]").TextContent);
        Assert.True(cut.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Name *").Instance.AutoFocus);
        Assert.Equal("3", cut.Find("[data-testid=field-description] textarea").GetAttribute("rows"));
        Assert.Equal(["Python", "Java"], cut.FindAll("[data-testid=field-language] label").Select(l => l.TextContent.Trim()));
        Assert.Equal("py", FormState(cut)["language"]!.GetValue<string>());
        var replicas = cut.FindComponent<MudNumericField<double?>>().Instance;
        Assert.Equal((1d, 5d, 1d), (replicas.Min, replicas.Max, replicas.Step));
    }

    [Fact]
    public void TypingAnInvalidValue_ShowsTheErrorInline_AndAValidValueClearsIt()
    {
        var cut = Render(TwoSteps);

        cut.Find("[data-testid=field-name] input").Input("Bad Name");
        Assert.Contains("must match pattern", cut.Find("[data-testid=field-name]").TextContent);

        cut.Find("[data-testid=field-name] input").Input("billing");
        Assert.DoesNotContain("must match pattern", cut.Find("[data-testid=field-name]").TextContent);
    }

    [Fact]
    public void Next_WithARequiredFieldEmpty_StaysAndShowsTheError_ThenMovesOnWhenValid()
    {
        var cut = Render(TwoSteps);

        cut.Find("[data-testid=wizard-next]").Click();
        Assert.Contains("is required", cut.Find("[data-testid=field-name]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=field-deploy]"));

        cut.Find("[data-testid=field-name] input").Input("billing");
        cut.Find("[data-testid=wizard-next]").Click();
        cut.WaitForElement("[data-testid=field-deploy]");
        Assert.Contains("step=1", LastUrl());
    }

    [Fact]
    public void ANumber_IsKeptWithinItsBounds_WhileTyping_AndOutOfBoundsFromTheUrlIsAnError()
    {
        var cut = Render(TwoSteps);
        cut.Find("[data-testid=field-replicas] input").Input("9");
        Assert.Equal(5, FormState(cut)["replicas"]!.GetValue<long>());

        var fromUrl = new TemplateWizardTests();
        var other = fromUrl.Render(TwoSteps, """{"name":"billing","replicas":0}""");
        other.Find("[data-testid=wizard-next]").Click();
        Assert.Contains("must be >= 1", other.Find("[data-testid=field-replicas]").TextContent);
    }

    [Fact]
    public void Values_AreWrittenToTheUrl_AndReadBackFromIt()
    {
        var cut = Render(TwoSteps);
        cut.Find("[data-testid=field-name] input").Input("billing");

        var formData = FormDataOf(LastUrl());
        Assert.Equal("billing", formData["name"]!.GetValue<string>());
        Assert.Equal("py", formData["language"]!.GetValue<string>());

        var again = new TemplateWizardTests();
        var restored = again.Render(TwoSteps, """{"name":"from-url","replicas":3}""", step: 0);
        Assert.Equal("from-url", restored.Find("[data-testid=field-name] input").GetAttribute("value"));
        Assert.Equal("3", restored.Find("[data-testid=field-replicas] input").GetAttribute("value"));
    }

    [Fact]
    public void UnreadableFormDataInTheUrl_IsReported_AndTheFormStartsFromDefaults()
    {
        var cut = Render(TwoSteps, "{not json");

        Assert.Contains("could not be read", cut.Find("[data-testid=wizard-url-problem]").TextContent);
        Assert.Equal("py", FormState(cut)["language"]!.GetValue<string>());
    }

    private JsonObject FormState(IRenderedComponent<TemplateWizard> cut) =>
        Ctx.Services.GetRequiredService<WizardDrafts>().Find("template:default/test")!.Values;

    [Fact]
    public void ADependencyOneOf_RevealsItsFieldWithItsDefault_WhenTheTriggerIsSet()
    {
        var cut = Render(TwoSteps, """{"name":"billing"}""", step: 1);
        Assert.Empty(cut.FindAll("[data-testid=field-cluster]"));

        cut.Find("[data-testid=field-deploy] input").Change(true);

        Assert.Equal("prod-1", cut.Find("[data-testid=field-cluster] input").GetAttribute("value"));
    }

    [Fact]
    public void ASecret_StaysOutOfFormDataAndUrl_IsMaskedInReview_AndIsSubmittedApart()
    {
        var cut = Render(TwoSteps, """{"name":"billing"}""", step: 1);

        cut.Find("[data-testid=field-token] input").Input("s3cr3t-value");
        Assert.DoesNotContain("s3cr3t", LastUrl());
        Assert.Null(FormState(cut)["token"]);

        cut.Find("[data-testid=wizard-next]").Click();
        var review = cut.WaitForElement("[data-testid=wizard-review]");
        Assert.Contains("••••••••", cut.Find("[data-testid=review-token]").TextContent);
        Assert.DoesNotContain("s3cr3t", review.TextContent);
        Assert.Contains("Python", cut.Find("[data-testid=review-language]").TextContent);

        cut.Find("[data-testid=wizard-create]").Click();
        var submission = Assert.Single(_created);
        Assert.Equal("s3cr3t-value", submission.Secrets["token"]);
        Assert.Null(submission.Values["token"]);
        Assert.Equal("billing", submission.Values["name"]!.GetValue<string>());
    }

    [Fact]
    public void Create_WithAnEarlierStepInvalid_GoesBackToThatStepInsteadOfSubmitting()
    {
        var cut = Render(TwoSteps, """{"name":"Not Valid"}""", step: 2);

        cut.Find("[data-testid=wizard-create]").Click();

        Assert.Empty(_created);
        Assert.Contains("must match pattern", cut.WaitForElement("[data-testid=field-name]").TextContent);
    }
}
