using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Runner;

/// <summary>How <c>fetch:template</c> renders a skeleton's file contents and paths: Nunjucks with Backstage's tags
/// (<c>${{ }}</c>, or <c>{{ }}</c> with <c>cookiecutterCompat</c>), strict about undefined values as Backstage is. A
/// failure throws with the file and line.</summary>
public interface ISkeletonTemplating
{
    string Render(string text, JsonObject context, string sourceName, SkeletonOptions options);
}

public sealed record SkeletonOptions(bool CookiecutterCompat = false, bool TrimBlocks = false, bool LstripBlocks = false);
