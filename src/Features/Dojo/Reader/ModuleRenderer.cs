using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Fawkes.Portal.Features.Dojo.Content;
using Ganss.Xss;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Fawkes.Portal.Features.Dojo.Reader;

/// <summary>One part of a rendered module: its heading anchor, time, key (stored as "read") and sanitized HTML.</summary>
public sealed record RenderedPart(string Key, string Title, int? Minutes, string Anchor, string Html, IReadOnlyList<TocEntry> Headings);

public sealed record TocEntry(int Level, string Text, string Anchor);

/// <summary>What comes before the first part (if anything) and the parts.</summary>
public sealed record RenderedModule(string IntroHtml, IReadOnlyList<RenderedPart> Parts);

/// <summary>
/// Renders a module's Markdown to sanitized HTML split by part. Raw HTML in the Markdown is dropped before rendering and
/// HtmlSanitizer cleans the output as well (a <c>javascript:</c> link, say), so a module cannot run script in the portal.
/// Results are cached per curriculum snapshot and module.
/// </summary>
public sealed class ModuleRenderer
{
    private readonly ConditionalWeakTable<Curriculum, ConcurrentDictionary<string, RenderedModule>> _cache = [];
    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public RenderedModule Render(Curriculum curriculum, DojoModule module)
    {
        ArgumentNullException.ThrowIfNull(curriculum);
        ArgumentNullException.ThrowIfNull(module);
        return _cache.GetOrCreateValue(curriculum).GetOrAdd(module.Id, _ => RenderNow(curriculum, module));
    }

    private RenderedModule RenderNow(Curriculum curriculum, DojoModule module)
    {
        var document = Markdown.Parse(module.Markdown, ModuleMarkdown.Pipeline);
        RemoveRawHtml(document);
        RewriteLinks(document, curriculum, module);
        var sections = new List<(HeadingBlock? Heading, List<Block> Blocks)> { (null, []) };
        foreach (var block in document)
        {
            if (block is HeadingBlock { Level: 2 } heading)
            {
                sections.Add((heading, []));
            }
            sections[^1].Blocks.Add(block);
        }
        var intro = RenderBlocks(sections[0].Blocks);
        var parts = sections.Skip(1).Select((s, i) =>
        {
            var meta = i < module.Parts.Count ? module.Parts[i] : new ModulePart(PlainText(s.Heading!), null, 0);
            var headings = s.Blocks.OfType<HeadingBlock>().Where(h => h.Level == 3)
                .Select(h => new TocEntry(3, PlainText(h), h.GetAttributes().Id ?? "")).ToList();
            return new RenderedPart(PartKey(meta.Title), meta.Title, meta.Minutes, s.Heading!.GetAttributes().Id ?? PartKey(meta.Title),
                RenderBlocks(s.Blocks), headings);
        }).ToList();
        return new RenderedModule(intro, parts);
    }

    /// <summary>The key a part is stored under when read: its title in lower case with '-' for spaces.</summary>
    public static string PartKey(string title) =>
        string.Join('-', title.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private string RenderBlocks(List<Block> blocks)
    {
        using var writer = new StringWriter();
        var renderer = ModuleMarkdown.Renderer(writer);
        foreach (var block in blocks)
        {
            renderer.Render(block);
        }
        writer.Flush();
        return _sanitizer.Sanitize(writer.ToString());
    }

    private static void RemoveRawHtml(MarkdownDocument document)
    {
        foreach (var block in document.Descendants<HtmlBlock>().ToList())
        {
            block.Parent?.Remove(block);
        }
        foreach (var inline in document.Descendants<HtmlInline>().ToList())
        {
            inline.Remove();
        }
    }

    /// <summary>Relative links resolve against the module file: images to the content endpoint, modules to their page.</summary>
    private static void RewriteLinks(MarkdownDocument document, Curriculum curriculum, DojoModule module)
    {
        var folder = Path.GetDirectoryName(module.File) ?? "";
        foreach (var link in document.Descendants<LinkInline>())
        {
            var url = link.Url ?? "";
            if (url.StartsWith('#'))
            {
                link.Url = $"/dojo/modules/{module.Id}{url}";
                continue;
            }
            if (url.Length == 0 || url.StartsWith('/') || url.Contains(':', StringComparison.Ordinal))
            {
                continue;
            }
            var cut = url.IndexOfAny(['#', '?']);
            var (path, rest) = cut < 0 ? (url, "") : (url[..cut], url[cut..]);
            var relative = Path.GetRelativePath(".", Path.Combine(folder, Uri.UnescapeDataString(path))).Replace('\\', '/');
            var target = curriculum.Modules.FirstOrDefault(m => m.File == relative);
            link.Url = target is not null ? $"/dojo/modules/{target.Id}{rest}" : $"/dojo/content/{relative}";
        }
    }

    private static string PlainText(HeadingBlock heading) =>
        string.Concat(heading.Inline?.Descendants<LiteralInline>().Select(l => l.Content.ToString()) ?? []).Trim();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedTags.Add("input"); // task-list checkboxes (disabled)
        foreach (var tag in new[] { "form", "button", "select", "textarea", "style" })
        {
            sanitizer.AllowedTags.Remove(tag);
        }
        sanitizer.AllowedSchemes.Remove("mailto");
        sanitizer.AllowedSchemes.Add("mailto");
        return sanitizer;
    }
}
