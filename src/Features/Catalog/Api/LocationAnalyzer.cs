using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Catalog.Api;

/// <summary>
/// <c>POST /analyze-location</c> as a stock Backstage backend answers it (no SCM analyzer modules): it reads nothing,
/// and proposes one Component named after the repository in the URL, with the host's <c>project-slug</c> annotation
/// for GitHub, GitLab and Azure DevOps. A target that is not an http(s) URL (a file path) is refused, as in Backstage,
/// so analysis never touches the file system. Pure: no I/O.
/// </summary>
internal static class LocationAnalyzer
{
    public const string NotAUrl = "The given location.target is not a URL";

    public static JsonObject? Analyze(string target)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        var (prefix, owner, name) = uri.Host.ToLowerInvariant() switch
        {
            "github.com" => ("github.com", segments.Count > 1 ? segments[0] : "", segments.Count > 1 ? segments[1] : segments.FirstOrDefault() ?? ""),
            "gitlab.com" => ("gitlab.com", string.Join('/', Repo(segments).SkipLast(1)), Repo(segments).LastOrDefault() ?? ""),
            "dev.azure.com" when segments.IndexOf("_git") is > 0 and var git && git + 1 < segments.Count => ("dev.azure.com", segments[git - 1], segments[git + 1]),
            "bitbucket.org" => (null, segments.ElementAtOrDefault(0) ?? "", segments.ElementAtOrDefault(1) ?? ""),
            _ => ((string?)null, segments.Count > 1 ? segments[^2] : "", segments.LastOrDefault() ?? ""),
        };
        name = name.EndsWith(".git", StringComparison.Ordinal) ? name[..^4] : name;
        var metadata = new JsonObject { ["name"] = name };
        if (prefix is not null)
        {
            metadata["annotations"] = new JsonObject { [$"{prefix}/project-slug"] = $"{owner}/{name}" };
        }
        var entity = new JsonObject
        {
            ["apiVersion"] = "backstage.io/v1alpha1",
            ["kind"] = "Component",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["type"] = "other", ["lifecycle"] = "unknown" },
        };
        return new JsonObject
        {
            ["existingEntityFiles"] = new JsonArray(),
            ["generateEntities"] = new JsonArray(new JsonObject { ["entity"] = entity, ["fields"] = new JsonArray() }),
        };
    }

    /// <summary>GitLab paths name the project before <c>/-/</c> (groups may nest).</summary>
    private static List<string> Repo(List<string> segments) => [.. segments.TakeWhile(s => s != "-")];
}
