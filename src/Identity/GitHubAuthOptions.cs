namespace Fawkes.Portal.Identity;

/// <summary>Bound from <c>Authentication:GitHub</c>. With no ClientId, the development sign-in is used instead.</summary>
public sealed class GitHubAuthOptions
{
    public const string Section = "Authentication:GitHub";

    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>When non-empty, only members of one of these organisations may sign in.</summary>
    public IList<string> AllowedOrganizations { get; } = [];

    /// <summary>GitHub Enterprise or a simulator: the web root (authorize, token) and the API root.</summary>
    public string WebBaseUrl { get; set; } = "https://github.com";
    public string ApiBaseUrl { get; set; } = "https://api.github.com";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId);
}
