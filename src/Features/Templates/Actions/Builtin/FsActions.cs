using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Workspace;

namespace Fawkes.Portal.Features.Templates.Actions.Builtin;

/// <summary><c>fs:delete</c>: removes files and folders (globs allowed) from the workspace.</summary>
public sealed class FsDeleteAction : ScaffolderAction
{
    public override string Id => "fs:delete";
    public override string Description => "Deletes files and directories from the workspace";
    public override bool SupportsDryRun => true;
    public override JsonObject InputSchema { get; } = Schema(ActionSchemas.FsDeleteInput);

    public override async Task ExecuteAsync(ActionContext context)
    {
        if (context.Input["files"] is not JsonArray files)
        {
            throw new ActionInputException("files must be an Array");
        }
        foreach (var pattern in files.Select(f => f?.ToString() ?? ""))
        {
            // Resolving first refuses a pattern that leaves the workspace, as Backstage's resolveSafeChildPath does.
            var normalised = WorkspacePath.Resolve("", pattern);
            var matches = context.Workspace.Paths.Where(p => p == normalised || GlobPattern.IsMatch(normalised, p)).ToList();
            if (matches.Count == 0 && context.Workspace.IsDirectory(normalised))
            {
                matches.Add(normalised);
            }
            foreach (var path in matches)
            {
                context.Workspace.Delete(path);
                await context.Log.InfoAsync($"File {path} deleted successfully", null, context.CancellationToken);
            }
        }
    }
}

/// <summary><c>fs:rename</c>: moves files and folders within the workspace.</summary>
public sealed class FsRenameAction : ScaffolderAction
{
    public override string Id => "fs:rename";
    public override string Description => "Renames files and directories within the workspace";
    public override bool SupportsDryRun => true;
    public override JsonObject InputSchema { get; } = Schema(ActionSchemas.FsRenameInput);

    public override async Task ExecuteAsync(ActionContext context)
    {
        if (context.Input["files"] is not JsonArray files)
        {
            throw new ActionInputException("files must be an Array");
        }
        foreach (var item in files.OfType<JsonObject>())
        {
            var from = (item["from"] as JsonValue)?.ToString();
            var to = (item["to"] as JsonValue)?.ToString();
            if (string.IsNullOrEmpty(from) || string.IsNullOrEmpty(to))
            {
                throw new ActionInputException("each file must have a from and to property");
            }
            var source = WorkspacePath.Resolve("", from);
            var destination = WorkspacePath.Resolve("", to);
            if (!context.Workspace.Exists(source))
            {
                throw new ActionInputException($"File {from} does not exist in the workspace.");
            }
            var overwrite = item["overwrite"] is JsonValue o && o.TryGetValue<bool>(out var b) && b;
            context.Workspace.Move(source, destination, overwrite);
            await context.Log.InfoAsync($"File {from} renamed to {to} successfully", null, context.CancellationToken);
        }
    }
}
