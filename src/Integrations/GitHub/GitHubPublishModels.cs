namespace Fawkes.Portal.Integrations.GitHub;

/// <summary>A repository to create, as <c>publish:github</c> and <c>github:repo:create</c> describe it.</summary>
/// <param name="Visibility"><c>public</c>, <c>private</c> or <c>internal</c> (organisations only).</param>
/// <param name="DefaultBranch">The branch the first push creates and GitHub then reports as the default.</param>
public sealed record RepositoryToCreate(
    string Owner, string Name, string? Description = null, string Visibility = "private", string DefaultBranch = "main",
    IReadOnlyList<string>? Topics = null);

/// <summary>
/// A repository created on GitHub, with Backstage's <c>publish:github</c> outputs: <see cref="RemoteUrl"/> is GitHub's
/// <c>clone_url</c> (<c>https://github.com/o/r.git</c>), <see cref="RepoContentsUrl"/> is <c>{html_url}/blob/{defaultBranch}</c>.
/// </summary>
public sealed record PublishedRepository(
    string Owner, string Name, bool OwnerIsOrganization, string HtmlUrl, string RemoteUrl, string RepoContentsUrl, string DefaultBranch,
    bool Demo, IReadOnlyList<string> Warnings);

/// <summary>Author (and committer) of the commits the publisher makes.</summary>
public sealed record GitAuthor(string Name, string Email)
{
    public static readonly GitAuthor Scaffolder = new("Scaffolder", "scaffolder@fawkes.local");
}

public sealed record CreatedPullRequest(int Number, string Url, string Branch, string CommitSha);

public sealed record CreatedWebhook(long Id, string Url, IReadOnlyList<string> Events);
