using System.Text.Json.Nodes;
using Fawkes.Portal.Integrations.GitHub;
using Fawkes.Portal.Features.Templates.Workspace;

namespace Fawkes.Portal.Features.Templates.Actions.GitHub;

/// <summary><c>publish:github:pull-request</c>: commits the workspace on a new branch and opens a pull request. In a
/// dry run (Backstage runs it there) nothing is sent; the outputs say what would be opened.</summary>
public sealed class GitHubPullRequestAction(GitHubPublisher publisher) : ScaffolderAction
{
    public override string Id => "publish:github:pull-request";
    public override string Description => "Creates a pull request with the contents of the workspace.";
    public override bool SupportsDryRun => true;
    public override JsonObject InputSchema { get; } = Schema(GitHubActionSchemas.PullRequestInput);
    public override JsonObject OutputSchema { get; } = Schema(GitHubActionSchemas.PullRequestOutput);

    public override async Task ExecuteAsync(ActionContext context)
    {
        var repo = GitHubActionInputs.Repo(context);
        var target = context.InputString("targetBranchName") ?? "main";
        var targetPath = context.InputString("targetPath");
        var files = GitHubActionInputs.Files(context, context.InputString("sourcePath"))
            .Select(f => (Path: targetPath is null ? f.Path : WorkspacePath.Resolve(targetPath, f.Path), f.Content, f.Executable)).ToList();
        if (context.IsDryRun)
        {
            await context.Log.InfoAsync($"Performing dry run of creating pull request", null, context.CancellationToken);
            context.Output("targetBranchName", target);
            context.Output("remoteUrl", new Uri(publisher.Endpoint.WebBaseUrl, $"{repo.Owner}/{repo.Repo}/pull/0").ToString());
            context.Output("pullRequestNumber", 0);
            return;
        }
        var pr = await publisher.CreatePullRequestAsync(repo.Owner, repo.Repo, target, context.RequiredString("branchName"),
            context.RequiredString("title"), context.InputString("description"), files, context.InputString("commitMessage"),
            GitHubActionInputs.Author(context), context.InputBool("draft"), context.CancellationToken);
        await context.Log.InfoAsync($"Opened pull request #{pr.Number}: {pr.Url}", null, context.CancellationToken);
        context.Output("targetBranchName", target);
        context.Output("remoteUrl", pr.Url);
        context.Output("pullRequestNumber", pr.Number);
    }
}

/// <summary><c>github:webhook</c>: adds a repository webhook (signed with <c>webhookSecret</c>).</summary>
public sealed class GitHubWebhookAction(GitHubPublisher publisher) : ScaffolderAction
{
    public override string Id => "github:webhook";
    public override string Description => "Creates webhook for a repository on GitHub.";
    public override bool SupportsDryRun => true;
    public override JsonObject InputSchema { get; } = Schema(GitHubActionSchemas.WebhookInput);

    public override async Task ExecuteAsync(ActionContext context)
    {
        var repo = GitHubActionInputs.Repo(context);
        var url = context.RequiredString("webhookUrl");
        if (context.IsDryRun)
        {
            await context.Log.InfoAsync($"Dry run: would create a webhook on {repo.Owner}/{repo.Repo} to {url}", null, context.CancellationToken);
            return;
        }
        var events = (context.Input["events"] as JsonArray)?.Select(e => e?.ToString() ?? "").ToList() ?? ["push"];
        var hook = await publisher.CreateWebhookAsync(repo.Owner, repo.Repo, url, context.InputString("webhookSecret"), events,
            context.InputString("contentType") ?? "form", context.InputBool("insecureSsl"),
            context.Input["active"] is not JsonValue active || active.GetValue<bool>(), context.CancellationToken);
        await context.Log.InfoAsync($"Webhook {hook.Id} to {url} created on {repo.Owner}/{repo.Repo} for {string.Join(", ", hook.Events)}", null, context.CancellationToken);
    }
}
