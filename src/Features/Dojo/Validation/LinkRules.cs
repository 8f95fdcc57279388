using Fawkes.Portal.Features.Dojo.Content;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Fawkes.Portal.Features.Dojo.Validation;

/// <summary>Links and images of a module: relative ones must exist on disk, site-relative ones must be portal pages.</summary>
internal static class LinkRules
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static IEnumerable<ContentError> Check(DojoModule module, string root, SiteRoutes routes)
    {
        var document = Markdown.Parse(module.Markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            var url = link.Url?.Trim();
            var line = module.BodyLine + link.Line;
            if (string.IsNullOrEmpty(url) || url.StartsWith('#') || url.Contains("://", StringComparison.Ordinal)
                || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var what = link.IsImage ? "image" : "link";
            if (url.Contains(':', StringComparison.Ordinal))
            {
                yield return new ContentError(module.File, line, $"{what} '{url}' uses a scheme a module may not link to");
                continue;
            }
            var path = url.Split('#', '?')[0];
            if (url.StartsWith('/'))
            {
                // The portal's machine endpoints are real addresses too: Prometheus export, health, the JSON API.
                if (!routes.Matches(path) && path is not ("/metrics" or "/healthz" or "/readyz") && !path.StartsWith("/api/", StringComparison.Ordinal))
                {
                    yield return new ContentError(module.File, line, $"{what} '{url}' is not a portal page (known: {string.Join(", ", routes.Templates.Order())})");
                }
                continue;
            }
            var target = Path.GetFullPath(Path.Combine(root, Path.GetDirectoryName(module.File) ?? "", Uri.UnescapeDataString(path)));
            if (!target.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal))
            {
                yield return new ContentError(module.File, line, $"{what} '{url}' points outside the content folder");
            }
            else if (!File.Exists(target))
            {
                yield return new ContentError(module.File, line, $"{what} '{url}' points to a file that does not exist");
            }
        }
    }
}
