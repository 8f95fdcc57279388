namespace Fawkes.Portal.Integrations.GitHub;

/// <summary>
/// A GitHub the portal talks to: its REST API root, its browser root and the token. Not a record: its ToString must
/// never print the token.
/// </summary>
public sealed class GitHubEndpoint(Uri apiBaseUrl, Uri webBaseUrl, string? token, bool demo = false, string? defaultOwner = null)
{
    /// <summary>REST API root, ending in '/' (<c>https://api.github.com/</c>, <c>https://ghe.example.com/api/v3/</c>).</summary>
    public Uri ApiBaseUrl { get; } = apiBaseUrl;

    /// <summary>Browser root, ending in '/' (<c>https://github.com/</c>).</summary>
    public Uri WebBaseUrl { get; } = webBaseUrl;

    internal string? Token { get; } = token;

    /// <summary>The simulator demo mode started: shown as such, never mistaken for a real GitHub.</summary>
    public bool Demo { get; } = demo;

    /// <summary>The organisation new repositories go to when a template names none (demo mode's <c>fawkes-demo</c>).</summary>
    public string? DefaultOwner { get; } = defaultOwner;

    public override string ToString() => Demo ? $"GitHub (simulated, demo) at {WebBaseUrl}" : $"GitHub at {WebBaseUrl}";
}
