using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fawkes.Portal.Features.Catalog.Model;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

/// <summary>
/// The annotations Backstage's AnnotateLocationEntityProcessor gives every entity read from a location: where it is
/// managed and where its tree started, and for <c>url</c> sources the view URL, plus (on GitHub, Backstage's default
/// integration) the edit URL and the source folder. The entity's own values win, as Backstage merges them under it.
/// </summary>
public static partial class LocationAnnotations
{
    public static void Apply(JsonObject annotations, string sourceType, string sourceTarget, string originLocation)
    {
        var values = new Dictionary<string, string>
        {
            [CatalogAnnotations.ManagedByLocation] = $"{sourceType}:{sourceTarget}",
            [CatalogAnnotations.ManagedByOriginLocation] = originLocation,
        };
        if (sourceType == "url")
        {
            values[CatalogAnnotations.ViewUrl] = sourceTarget;
            if (Uri.TryCreate(sourceTarget, UriKind.Absolute, out var url) && url.Host.Equals("github.com", StringComparison.OrdinalIgnoreCase))
            {
                if (!CommitHash().IsMatch(sourceTarget))
                {
                    values[CatalogAnnotations.EditUrl] = GitHubUrlType(sourceTarget, "edit");
                }
                var folder = new UriBuilder(new Uri(url, "./")) { Query = url.Query }.Uri.AbsoluteUri;
                values[CatalogAnnotations.SourceLocation] = "url:" + GitHubUrlType(folder, "tree");
            }
        }
        foreach (var (key, value) in values)
        {
            if (!annotations.ContainsKey(key))
            {
                annotations[key] = value;
            }
        }
    }

    private static string GitHubUrlType(string url, string type) => GitHubTypeSegment().Replace(url, m => $"//{m.Groups[1].Value}/{m.Groups[2].Value}/{m.Groups[3].Value}/{type}/", 1);

    [GeneratedRegex(@"\b[0-9a-f]{40,}\b")]
    private static partial Regex CommitHash();

    [GeneratedRegex(@"//([^/]+)/([^/]+)/([^/]+)/(blob|tree|edit)/")]
    private static partial Regex GitHubTypeSegment();
}
