using System.Text.Json.Nodes;
using Fawkes.Portal.Integrations.GitHub;

namespace Fawkes.Portal.Features.Templates.Actions.GitHub;

/// <summary><c>publish:github</c>: creates the repository (refusing, before anything is made, one that exists) and pushes
/// the workspace as one commit. Outputs <c>remoteUrl</c>, <c>repoContentsUrl</c>, <c>commitHash</c>.</summary>
public sealed class PublishGitHubAction(GitHubPublisher publisher) : ScaffolderAction
{
    public override string Id => "publish:github";
    public override string Description => "Initializes a git repository of contents in workspace and publishes it to GitHub.";
    public override JsonObject InputSchema { get; } = Schema(GitHubActionSchemas.PublishInput);
    public override JsonObject OutputSchema { get; } = Schema(GitHubActionSchemas.PublishOutput);

    public override async Task ExecuteAsync(ActionContext context)
    {
        var repo = GitHubActionInputs.Repo(context);
        var files = GitHubActionInputs.Files(context, context.InputString("sourcePath"));
        var branch = context.InputString("defaultBranch") ?? "main";
        var created = await publisher.CreateRepositoryAsync(new RepositoryToCreate(repo.Owner, repo.Repo, context.InputString("description"),
            context.InputString("repoVisibility") ?? "private", branch, GitHubActionInputs.Topics(context)), context.CancellationToken);
        await context.Log.InfoAsync($"Created repository {created.HtmlUrl}", null, context.CancellationToken);
        var sha = await publisher.PushWorkspaceAsync(repo.Owner, repo.Repo, branch, files,
            context.InputString("gitCommitMessage") ?? "initial commit", GitHubActionInputs.Author(context), [$"repository {created.HtmlUrl} created"],
            context.CancellationToken);
        await context.Log.InfoAsync($"Pushed {files.Count} files to {created.HtmlUrl} as commit {sha}", null, context.CancellationToken);
        context.Output("remoteUrl", created.RemoteUrl);
        context.Output("repoContentsUrl", created.RepoContentsUrl);
        context.Output("commitHash", sha);
    }
}

/// <summary><c>github:repo:create</c>: only creates the repository (push with <c>github:repo:push</c>).</summary>
public sealed class GitHubRepoCreateAction(GitHubPublisher publisher) : ScaffolderAction
{
    public override string Id => "github:repo:create";
    public override string Description => "Creates a GitHub repository.";
    public override JsonObject InputSchema { get; } = Schema(GitHubActionSchemas.CreateInput);
    public override JsonObject OutputSchema { get; } = Schema(GitHubActionSchemas.CreateOutput);

    public override async Task ExecuteAsync(ActionContext context)
    {
        var repo = GitHubActionInputs.Repo(context);
        var created = await publisher.CreateRepositoryAsync(new RepositoryToCreate(repo.Owner, repo.Repo, context.InputString("description"),
            context.InputString("repoVisibility") ?? "private", context.InputString("defaultBranch") ?? "main", GitHubActionInputs.Topics(context)),
            context.CancellationToken);
        await context.Log.InfoAsync($"Created repository {created.HtmlUrl}", null, context.CancellationToken);
        context.Output("remoteUrl", created.RemoteUrl);
        context.Output("repoContentsUrl", created.RepoContentsUrl);
    }
}

/// <summary><c>github:repo:push</c>: pushes the workspace to an existing repository as one commit.</summary>
public sealed class GitHubRepoPushAction(GitHubPublisher publisher) : ScaffolderAction
{
    public override string Id => "github:repo:push";
    public override string Description => "Initializes a git repository of contents in workspace and publishes it to GitHub.";
    public override JsonObject InputSchema { get; } = Schema(GitHubActionSchemas.PushInput);
    public override JsonObject OutputSchema { get; } = Schema(GitHubActionSchemas.PublishOutput);

    public override async Task ExecuteAsync(ActionContext context)
    {
        var repo = GitHubActionInputs.Repo(context);
        var branch = context.InputString("defaultBranch") ?? "main";
        var files = GitHubActionInputs.Files(context, context.InputString("sourcePath"));
        var sha = await publisher.PushWorkspaceAsync(repo.Owner, repo.Repo, branch, files,
            context.InputString("gitCommitMessage") ?? "initial commit", GitHubActionInputs.Author(context), ct: context.CancellationToken);
        var web = new Uri(publisher.Endpoint.WebBaseUrl, $"{repo.Owner}/{repo.Repo}").ToString();
        context.Output("remoteUrl", web + ".git");
        context.Output("repoContentsUrl", $"{web}/blob/{branch}");
        context.Output("commitHash", sha);
    }
}
