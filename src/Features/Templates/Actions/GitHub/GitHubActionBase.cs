using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Workspace;
using Fawkes.Portal.Integrations.GitHub;

namespace Fawkes.Portal.Features.Templates.Actions.GitHub;

/// <summary>What the GitHub actions share: reading <c>repoUrl</c>, the workspace as files, the commit author.</summary>
internal static class GitHubActionInputs
{
    public static RepoUrl Repo(ActionContext context) => RepoUrl.Parse(context.InputString("repoUrl"));

    /// <summary>The workspace (or <c>sourcePath</c> inside it) as the files of a commit, paths relative to that folder.</summary>
    public static IReadOnlyList<(string Path, byte[] Content, bool Executable)> Files(ActionContext context, string? sourcePath)
    {
        var root = WorkspacePath.Resolve("", sourcePath ?? "");
        var files = context.Workspace.Files
            .Where(f => WorkspacePath.IsWithin(f.Key, root) && f.Key != root)
            .Select(f => (Path: root.Length == 0 ? f.Key : f.Key[(root.Length + 1)..], f.Value.Content, f.Value.Executable))
            .ToList();
        if (files.Count == 0)
        {
            throw new ActionInputException($"There is nothing to push: the workspace{(root.Length > 0 ? $" folder '{root}'" : "")} is empty.");
        }
        return files;
    }

    public static GitAuthor Author(ActionContext context) => new(
        context.InputString("gitAuthorName") ?? "Scaffolder",
        context.InputString("gitAuthorEmail") ?? "scaffolder@fawkes.local");

    public static IReadOnlyList<string> Topics(ActionContext context) =>
        (context.Input["topics"] as JsonArray)?.Select(t => t?.ToString() ?? "").Where(t => t.Length > 0).ToList() ?? [];
}
