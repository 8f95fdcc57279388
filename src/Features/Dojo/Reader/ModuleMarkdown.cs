using Fawkes.Portal.App.Shared.Code;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Fawkes.Portal.Features.Dojo.Reader;

/// <summary>The Markdig pipeline of the reader and the validator: GitHub tables, task lists, alerts, heading ids.</summary>
public static class ModuleMarkdown
{
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseAlertBlocks()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UsePreciseSourceLocation()
        .Build();

    /// <summary>A renderer for this pipeline whose code blocks are highlighted on the server (Mermaid left for the browser).</summary>
    public static HtmlRenderer Renderer(TextWriter writer)
    {
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        var existing = renderer.ObjectRenderers.FindExact<CodeBlockRenderer>();
        if (existing is not null)
        {
            renderer.ObjectRenderers.Remove(existing);
        }
        renderer.ObjectRenderers.Insert(0, new HighlightedCodeBlockRenderer());
        return renderer;
    }
}

/// <summary>Fenced code: <c>mermaid</c> becomes a <c>pre.mermaid</c> that portal.js renders; the rest is highlighted.</summary>
internal sealed class HighlightedCodeBlockRenderer : HtmlObjectRenderer<CodeBlock>
{
    protected override void Write(HtmlRenderer renderer, CodeBlock obj)
    {
        var code = obj.Lines.ToString();
        var language = (obj as FencedCodeBlock)?.Info?.Trim();
        renderer.EnsureLine();
        if (string.Equals(language, "mermaid", StringComparison.OrdinalIgnoreCase))
        {
            renderer.Write("<pre class=\"mermaid\">").WriteEscape(code).Write("</pre>");
        }
        else
        {
            renderer.Write("<pre class=\"code-block\"><code");
            if (!string.IsNullOrEmpty(language))
            {
                renderer.Write(" class=\"language-").WriteEscape(language).Write('"');
            }
            renderer.Write('>').Write(SyntaxHighlighter.ToHtml(code, language)).Write("</code></pre>");
        }
        renderer.EnsureLine();
    }
}
