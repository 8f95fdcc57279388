using System.Web;

namespace Fawkes.Portal.Features.Templates.Actions.GitHub;

/// <summary>The RepoUrlPicker's value, <c>github.com?owner=o&amp;repo=r</c> (Backstage's <c>parseRepoUrl</c>).</summary>
public sealed record RepoUrl(string Host, string Owner, string Repo)
{
    public static RepoUrl Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate($"https://{value}", UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new ActionInputException($"Invalid repo URL passed to publisher: {value}");
        }
        var query = HttpUtility.ParseQueryString(uri.Query);
        var owner = query["owner"] ?? query["organization"];
        var repo = query["repo"];
        if (string.IsNullOrWhiteSpace(owner) || string.IsNullOrWhiteSpace(repo))
        {
            throw new ActionInputException($"Invalid repo URL passed to publisher: {value}, missing {(string.IsNullOrWhiteSpace(owner) ? "owner" : "repo")}");
        }
        return new RepoUrl(uri.Host, owner, repo);
    }
}
