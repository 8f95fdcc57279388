using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Workspace;

namespace Fawkes.Portal.Features.Templates.Actions.Builtin;

/// <summary><c>fetch:plain</c>: copies a folder beside the template into the workspace as it is.</summary>
public sealed class FetchPlainAction : ScaffolderAction
{
    public override string Id => "fetch:plain";
    public override string Description => "Downloads content and places it in the workspace, or optionally in a subdirectory specified by the `targetPath` input option.";
    public override bool SupportsDryRun => true;
    public override JsonObject InputSchema { get; } = Schema(ActionSchemas.FetchPlainInput);

    public override async Task ExecuteAsync(ActionContext context)
    {
        await context.Log.InfoAsync("Fetching plain content from remote URL", null, context.CancellationToken);
        var target = WorkspacePath.Resolve("", context.InputString("targetPath") ?? "./");
        var source = SkeletonSource.Resolve(context, context.RequiredString("url"));
        foreach (var (location, file) in FetchTemplateAction.Entries(context.TemplateFiles, source))
        {
            if (file is null)
            {
                context.Workspace.CreateDirectory(WorkspacePath.Resolve(target, location));
            }
            else
            {
                context.Workspace.Write(WorkspacePath.Resolve(target, location), file);
            }
        }
    }
}

/// <summary><c>fetch:plain:file</c>: copies one file beside the template into the workspace as it is.</summary>
public sealed class FetchPlainFileAction : ScaffolderAction
{
    public override string Id => "fetch:plain:file";
    public override string Description => "Downloads single file and places it in the workspace.";
    public override bool SupportsDryRun => true;
    public override JsonObject InputSchema { get; } = Schema(ActionSchemas.FetchPlainFileInput);

    public override async Task ExecuteAsync(ActionContext context)
    {
        await context.Log.InfoAsync("Fetching plain content from remote URL", null, context.CancellationToken);
        var target = WorkspacePath.Resolve("", context.RequiredString("targetPath"));
        var source = SkeletonSource.Resolve(context, context.RequiredString("url"));
        var file = context.TemplateFiles.Files.GetValueOrDefault(source)
            ?? throw new ActionInputException($"There is no file '{source}' in {context.TemplateFiles.Description}.");
        context.Workspace.Write(target, file);
    }
}
