using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.DryRun;
using Fawkes.Portal.Features.Templates.Model;
using Fawkes.Portal.Features.Templates.Workspace;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>A file the run would create, as the preview shows it (binary files by size only).</summary>
public sealed record PreviewFile(string Path, string? Text, int Bytes, bool Executable);

/// <summary>A step as the preview shows it: what a dry run did with it (<c>completed</c>, <c>skipped</c>, <c>failed</c>).</summary>
public sealed record PreviewStep(string Id, string Name, string Action, string Status);

public sealed record WizardPreviewResult(IReadOnlyList<PreviewFile> Files, IReadOnlyList<PreviewStep> Steps, string? Error);

/// <summary>
/// The wizard's "Preview": a dry run of the chosen template with the form's values, before anything is created — the
/// files it would write (rendered) and which steps would run or wait for the real run (publishing, registering).
/// </summary>
public sealed class WizardPreview(DryRunService dryRun, WorkspaceLimits limits)
{
    public async Task<WizardPreviewResult> RunAsync(JsonObject entity, JsonObject values, IReadOnlyDictionary<string, string> secrets,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var copy = (JsonObject)entity.DeepClone();
        copy["apiVersion"] = TemplateSpec.ApiVersion;
        var (template, problems) = TemplateSpec.Read(copy);
        if (template is null)
        {
            return new WizardPreviewResult([], [], "The template is invalid: " + string.Join("; ", problems));
        }
        try
        {
            var files = TaskSpec.Files(TaskSpec.Build(template, values, new JsonObject()), limits);
            var result = await dryRun.RunAsync(template, values, secrets, files, user, null, ct);
            var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in result.Log.Where(l => l.StepId is not null && l.Status is not null))
            {
                statuses[line.StepId!] = line.Status!;
            }
            var steps = template.Steps.Select(s => new PreviewStep(s.Id, s.Name, s.Action, statuses.GetValueOrDefault(s.Id, "not reached"))).ToList();
            var written = result.Workspace.Files.Select(f => new PreviewFile(f.Key,
                Actions.Builtin.SkeletonSourceProbe.IsText(f.Value.Content) ? Encoding.UTF8.GetString(f.Value.Content) : null,
                f.Value.Content.Length, f.Value.Executable)).ToList();
            var error = result.Error switch
            {
                null => null,
                Expressions.TemplateException t => DryRunEndpoint.TemplateErrorText(t),
                var e => $"Step '{result.FailedStepId}' would fail: {e.Message}",
            };
            return new WizardPreviewResult(written, steps, error);
        }
        catch (Exception e) when (e is WorkspaceLimitException or PathEscapeException or IOException)
        {
            return new WizardPreviewResult([], [], e.Message);
        }
    }
}
