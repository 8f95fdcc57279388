using System.Text.Json.Nodes;
using Bunit;
using Fawkes.Portal.Features.Templates;
using Fawkes.Portal.Features.Templates.Forms;
using Fawkes.Portal.Features.Templates.Forms.Schema;
using Fawkes.Portal.Tests.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Fawkes.Portal.Tests.Features.Templates;

public sealed class FieldExtensionTests : ComponentTestBase
{
    public FieldExtensionTests()
    {
        Ctx.Services.AddSingleton<IEntityLookup>(new InMemoryEntityLookup(
            InMemoryEntityLookup.Entity("Group", "payments-team", "team"), InMemoryEntityLookup.Entity("Group", "guild", "community"),
            InMemoryEntityLookup.Entity("User", "priya"), InMemoryEntityLookup.Entity("Component", "billing", "service")));
        Ctx.Services.AddScoped<WizardDrafts>();
        Interactive();
    }

    private IRenderedComponent<TemplateWizard> Render(string properties)
    {
        Ctx.Render<MudPopoverProvider>();
        return Ctx.Render<TemplateWizard>(p => p
            .Add(w => w.Parameters, JsonNode.Parse($$"""{"title":"One","properties":{{properties}}}"""))
            .Add(w => w.DraftKey, "t"));
    }

    private JsonObject Values => Ctx.Services.GetRequiredService<WizardDrafts>().Find("t")!.Values;

    [Theory]
    [InlineData("""{"ui:field":"OwnerPicker"}""", "group:default/guild|group:default/payments-team|user:default/priya")]
    [InlineData("""{"ui:field":"OwnerPicker","ui:options":{"catalogFilter":{"kind":"Group","spec.type":"team"}}}""", "group:default/payments-team")]
    [InlineData("""{"ui:field":"EntityPicker","ui:options":{"allowedKinds":["Component"]}}""", "component:default/billing")]
    [InlineData("""{"ui:field":"EntityPicker","ui:options":{"catalogFilter":[{"kind":"User"},{"kind":"Component"}]}}""", "component:default/billing|user:default/priya")]
    public async Task EntityPickers_SuggestTheEntitiesTheirOptionsSelect(string field, string expected)
    {
        var cut = Render($$"""{"pick":{{field.Replace("{\"ui", "{\"type\":\"string\",\"ui")}}}""");
        var picker = cut.FindComponent<MudAutocomplete<string>>();

        var search = picker.Instance.SearchFunc ?? throw new InvalidOperationException("no search");
        var found = await (search("", CancellationToken.None) ?? Task.FromResult<IEnumerable<string>>([]));

        Assert.Equal(expected, string.Join('|', found!));
    }

    [Theory]
    [InlineData("payments-team", "group:default/payments-team")]
    [InlineData("user:priya", "user:default/priya")]
    [InlineData("ops/guild", "group:ops/guild")]
    public async Task OwnerPicker_ValueIsTheFullRef_TypedTextReadWithTheDefaults(string typed, string stored)
    {
        var cut = Render("""{"owner":{"type":"string","ui:field":"OwnerPicker"}}""");

        await cut.InvokeAsync(() => cut.FindComponent<MudAutocomplete<string>>().Instance.ValueChanged.InvokeAsync(typed));

        Assert.Equal(stored, Values["owner"]!.GetValue<string>());
    }

    [Fact]
    public void EntityNamePicker_RefusesANameBackstageWouldRefuse()
    {
        var cut = Render("""{"name":{"type":"string","ui:field":"EntityNamePicker"}}""");

        cut.Find("[data-testid=field-name] input").Input("-bad name-");
        Assert.Contains(FieldExtensionRules.NameMessage, cut.Find("[data-testid=field-name]").TextContent);

        cut.Find("[data-testid=field-name] input").Input("good.name_1");
        Assert.DoesNotContain("Must start", cut.Find("[data-testid=field-name]").TextContent);
    }

    [Fact]
    public void EntityTagsPicker_AddsTagsAsAnArray_AndFlagsAnInvalidTag()
    {
        var cut = Render("""{"tags":{"type":"array","items":{"type":"string"},"ui:field":"EntityTagsPicker"}}""");

        cut.Find("input[data-testid=field-tags-input]").Input("python");
        cut.Find("input[data-testid=field-tags-input]").KeyDown("Enter");
        cut.Find("input[data-testid=field-tags-input]").Input("Not Valid");
        cut.Find("input[data-testid=field-tags-input]").KeyDown("Enter");

        Assert.Equal("""["python","Not Valid"]""", Values["tags"]!.ToJsonString());
        Assert.Contains("'Not Valid' is not a valid tag", cut.Find("[data-testid=field-tags]").TextContent);
    }

    [Fact]
    public void RepoUrlPicker_BuildsHostOwnerRepo_AndChecksTheAllowedOwners()
    {
        var cut = Render("""{"repoUrl":{"type":"string","ui:field":"RepoUrlPicker","ui:options":{"allowedHosts":["github.com"]}}}""");

        cut.Find("input[data-testid=field-repoUrl-owner]").Input("fawkes");
        Assert.Contains("Incomplete repository location", cut.Find("[data-testid=field-repoUrl]").TextContent);
        cut.Find("input[data-testid=field-repoUrl-repo]").Input("billing");

        Assert.Equal("github.com?owner=fawkes&repo=billing", Values["repoUrl"]!.GetValue<string>());
        Assert.DoesNotContain("Incomplete", cut.Find("[data-testid=field-repoUrl]").TextContent);
        Assert.Equal("The owner 'x' is not allowed here; choose one of: fawkes.",
            FieldExtensionRules.Check("RepoUrlPicker", JsonNode.Parse("""{"allowedOwners":["fawkes"]}""")!.AsObject(), "github.com?owner=x&repo=r"));
    }

    [Fact]
    public void Arrays_OfEnumsAsCheckboxes_AndOfStringsAsAList_AndNestedObjects()
    {
        var cut = Render("""
            {"langs":{"type":"array","items":{"type":"string","enum":["py","go"]},"uniqueItems":true,"ui:widget":"checkboxes"},
             "hosts":{"type":"array","items":{"type":"string"}},
             "db":{"type":"object","title":"Database","required":["engine"],"properties":{"engine":{"type":"string","title":"Engine"}}}}
            """);

        cut.FindAll("[data-testid=field-langs] input")[1].Change(true);
        cut.Find("[data-testid=field-hosts-add]").Click();
        cut.Find("[data-testid=field-hosts-0] input").Input("a.example");
        cut.Find("[data-testid=field-db-engine] input").Input("postgres");

        Assert.Equal("""{"langs":["go"],"hosts":["a.example"],"db":{"engine":"postgres"}}""", Values.ToJsonString());
    }

    [Fact]
    public void IfThenElse_SwapsTheFieldsAsTheConditionChanges()
    {
        var cut = Ctx.Render<TemplateWizard>(p => p.Add(w => w.DraftKey, "t").Add(w => w.Parameters, JsonNode.Parse("""
            {"properties":{"public":{"type":"boolean"}},
             "if":{"properties":{"public":{"const":true}},"required":["public"]},
             "then":{"properties":{"domain":{"type":"string"}}},"else":{"properties":{"vpn":{"type":"string"}}}}
            """)));
        Assert.NotEmpty(cut.FindAll("[data-testid=field-vpn]"));

        cut.Find("[data-testid=field-public] input").Change(true);

        Assert.NotEmpty(cut.FindAll("[data-testid=field-domain]"));
        Assert.Empty(cut.FindAll("[data-testid=field-vpn]"));
    }
}
