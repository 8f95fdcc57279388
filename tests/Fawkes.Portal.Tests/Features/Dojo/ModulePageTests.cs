using Bunit;
using Fawkes.Portal.Features.Dojo.Content;
using Microsoft.Extensions.DependencyInjection;
using Fawkes.Portal.Features.Dojo.Pages;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.Tests.Features.Dojo;

public sealed class ModulePageTests : DojoComponentTestBase
{
    private IRenderedComponent<ModulePage> Render()
    {
        Interactive();
        return Ctx.Render<ModulePage>(p => p.Add(x => x.Id, DojoTestContent.FirstModule));
    }

    [Fact]
    public void Reader_RawHtmlScriptAndJavascriptLinks_NeverReachThePage()
    {
        Content.Replace("white/01-first-steps.md", "More theory.", DojoTestContent.HostileMarkdown);
        Ctx.Services.GetRequiredService<DojoContentStore>().Reload();

        // The part that holds the hostile Markdown (the quiz part around it carries Blazor's own blazor:onclick attributes).
        var html = Render().Find("[data-testid=part-theory]").InnerHtml;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("owned", html, StringComparison.Ordinal);
        Assert.Contains("Inline", html, StringComparison.Ordinal); // the text around it stays
    }

    [Fact]
    public void Reader_RendersCalloutsTablesTaskListsCodeAndMermaid()
    {
        var page = Render();

        var callout = page.Find(".markdown-alert-warning");
        Assert.Contains("Never deploy on a Friday", callout.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find(".markdown-body table th"));
        Assert.Equal(2, page.FindAll("li.task-list-item input[type=checkbox][disabled]").Count);
        var code = page.Find("pre.code-block code.language-yaml");
        Assert.Equal("url: \"https://example.com/a?b=1\" # where it lives", code.TextContent.Trim());
        Assert.NotEmpty(code.QuerySelectorAll("span.hl-string"));
        Assert.Equal("graph LR; A-->B", page.Find("pre.mermaid").TextContent.Trim());
        Assert.Equal("/dojo/content/images/flow.png", page.Find("img[alt=flow]").GetAttribute("src"));
    }

    [Fact]
    public void Reader_ShowsContentsTimesAndNeighbours()
    {
        var page = Render();

        Assert.Equal(6, page.FindAll("[data-testid^=toc-]").Count);
        Assert.Contains("20 min", page.Find("[data-testid=toc-theory]").TextContent, StringComparison.Ordinal);
        Assert.Contains("A closer look", page.Find("[data-testid=toc-theory]").TextContent, StringComparison.Ordinal);
        Assert.Contains("about 60 min", page.Markup, StringComparison.Ordinal);
        Assert.Equal($"/dojo/modules/{DojoTestContent.SecondModule}", page.Find("[data-testid=next-module]").GetAttribute("href"));
        Assert.NotNull(page.Find("[data-testid=part-knowledge-check] [data-testid=quiz]"));
    }

    [Fact]
    public void Lab_SignedOut_AsksToSignInInsteadOfRunningChecks()
    {
        var page = Render();

        Assert.Contains("Sign in to run this lab", page.Find("[data-testid=part-lab] [data-testid=lab-signin]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=lab-run]"));
    }
}
