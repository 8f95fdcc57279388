using System.Security.Claims;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.DryRun;
using Fawkes.Portal.Features.Templates.Model;
using Fawkes.Portal.Features.Templates.Workspace;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>What an approved task would create: its files, or the error that would stop it.</summary>
public sealed record TaskPreviewResult(IReadOnlyList<string> Files, string? Error);

/// <summary>The approver's preview: a dry run of the waiting task's stored template and parameters (no secrets: a task
/// needing approval never has any).</summary>
public sealed class TaskPreview(DryRunService dryRun, WorkspaceLimits limits)
{
    public async Task<TaskPreviewResult> RunAsync(ScaffolderTask task, ClaimsPrincipal approver, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(task);
        var spec = JsonNode.Parse(task.SpecJson) as JsonObject ?? [];
        var (template, problems) = TemplateSpec.Read(TaskSpec.TemplateEntity(spec));
        if (template is null)
        {
            return new TaskPreviewResult([], string.Join("; ", problems));
        }
        try
        {
            var result = await dryRun.RunAsync(template, spec["parameters"] as JsonObject ?? [], new Dictionary<string, string>(),
                TaskSpec.Files(spec, limits), approver, spec["user"] as JsonObject, ct);
            return new TaskPreviewResult([.. result.Workspace.Files.Select(f => f.Key).Order(StringComparer.Ordinal)], result.Error?.Message);
        }
        catch (Exception e) when (e is WorkspaceLimitException or PathEscapeException or IOException)
        {
            return new TaskPreviewResult([], e.Message);
        }
    }
}
