namespace Fawkes.Portal.Features.Dora.Api;

/// <summary>
/// A repository URL as pipelines send it, reduced to its path on the host (<c>owner/repo</c> on GitHub,
/// <c>group/subgroup/repo</c> on GitLab), lowercase: the name catalog components claim with <c>github.com/project-slug</c>,
/// and the service name of a repository no component claims yet.
/// </summary>
internal static class RepositorySlug
{
    /// <summary>https://host/owner/repo(.git), ssh://git@host[:port]/owner/repo.git, git@host:owner/repo.git; null when none.</summary>
    public static string? FromUrl(string? url)
    {
        var text = url?.Trim() ?? "";
        string path;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "ssh" or "git" && uri.Host.Length > 0)
        {
            path = Uri.UnescapeDataString(uri.AbsolutePath);
        }
        else if (text.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 && !text.Contains("://", StringComparison.Ordinal)
            && text[..colon].Contains('@', StringComparison.Ordinal))
        {
            path = text[(colon + 1)..]; // scp-like: git@github.com:owner/repo.git
        }
        else
        {
            return null;
        }
        path = path.Trim('/');
        if (path.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^4];
        }
        // At least an owner and a name: a bare host or a single segment names no repository.
        return path.Split('/') is { Length: >= 2 } parts && parts.All(p => p.Length > 0) ? path.ToLowerInvariant() : null;
    }
}
