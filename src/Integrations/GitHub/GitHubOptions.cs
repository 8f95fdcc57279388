namespace Fawkes.Portal.Integrations.GitHub;

/// <summary>Bound from <c>Integrations:GitHub</c>: the GitHub (or GitHub Enterprise) the catalog and templates talk to.</summary>
public sealed class GitHubOptions
{
    public const string Section = "Integrations:GitHub";

    /// <summary>REST API root. For GitHub Enterprise Server, e.g. <c>https://ghe.example.com/api/v3/</c>.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.github.com/";

    /// <summary>Host of browser URLs (<c>https://github.com/org/repo/blob/…</c>) that are read through the API.</summary>
    public string WebHost { get; set; } = "github.com";

    /// <summary>Token (PAT or installation token). From a secret or a mounted file, never the repository.</summary>
    public string? Token { get; set; }

    /// <summary>One attempt at a GitHub API request; reads are tried up to three times within about three times this.</summary>
    public int TimeoutSeconds { get; set; } = 15;
}
