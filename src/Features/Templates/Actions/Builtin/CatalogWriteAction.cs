using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Workspace;

namespace Fawkes.Portal.Features.Templates.Actions.Builtin;

/// <summary><c>catalog:write</c>: writes the entity as YAML into the workspace, stamped with
/// <c>backstage.io/source-template</c> (the template that made it).</summary>
public sealed class CatalogWriteAction : ScaffolderAction
{
    public override string Id => "catalog:write";
    public override string Description => "Writes the catalog-info.yaml for your template";
    public override bool SupportsDryRun => true;
    public override JsonObject InputSchema { get; } = Schema(ActionSchemas.CatalogWriteInput);

    public override async Task ExecuteAsync(ActionContext context)
    {
        var path = context.InputString("filePath") ?? "catalog-info.yaml";
        await context.Log.InfoAsync($"Writing {path}", null, context.CancellationToken);
        var entity = (JsonObject)(context.Input["entity"]?.DeepClone() ?? new JsonObject());
        var templateRef = context.IsDryRun ? "template:default/dry-run" : context.TemplateEntityRef;
        if (templateRef is not null)
        {
            var metadata = entity["metadata"] as JsonObject ?? [];
            var annotations = metadata["annotations"] as JsonObject ?? [];
            annotations["backstage.io/source-template"] = templateRef;
            metadata["annotations"] = annotations.DeepClone();
            entity["metadata"] = metadata.DeepClone();
        }
        context.Workspace.Write(WorkspacePath.Resolve("", path), new WorkspaceFile(Encoding.UTF8.GetBytes(JsYaml.Stringify(entity))));
    }
}
