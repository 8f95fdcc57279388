using System.Security.Claims;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Actions;
using Fawkes.Portal.Features.Templates.Model;
using Fawkes.Portal.Features.Templates.Runner;
using Fawkes.Portal.Features.Templates.Workspace;

namespace Fawkes.Portal.Features.Templates.DryRun;

/// <summary>A finished dry run: Backstage's answer (<c>log</c>, <c>directoryContents</c>, <c>output</c>, <c>steps</c>),
/// or the error that stopped it (a dry run in which a step fails answers the error, as Backstage does).</summary>
public sealed record DryRunResult(IReadOnlyList<RunLogEntry> Log, ScaffolderWorkspace Workspace, JsonNode? Output, JsonArray Steps, Exception? Error, string? FailedStepId);

/// <summary>
/// Runs a template without side effects: actions that cannot run dry are skipped (their outputs become examples), the
/// workspace stays in memory, the log is collected. The wizard's preview and <c>POST /api/scaffolder/v2/dry-run</c>
/// both come here.
/// </summary>
public sealed class DryRunService(WorkflowRunner runner)
{
    /// <summary>The hidden last step Backstage adds to extract the workspace; it shows only in the first log line's count.</summary>
    private static readonly TemplateStep Extract = new("dry-run:extract", "dry-run:extract", "debug:log", null, JsonValue.Create(false), null);

    public async Task<DryRunResult> RunAsync(TemplateSpec template, JsonObject values, IReadOnlyDictionary<string, string> secrets,
        TemplateDirectory files, ClaimsPrincipal caller, JsonObject? user, CancellationToken ct)
    {
        var sink = new CollectingLogSink();
        var result = await runner.RunAsync(new RunRequest
        {
            TaskId = $"dry-run-{Guid.NewGuid()}",
            Template = template,
            Parameters = values,
            Secrets = secrets,
            User = user,
            Initiator = caller,
            TemplateFiles = files,
            Log = new DroppingSink(sink, Extract.Id),
            IsDryRun = true,
            CancellationToken = ct,
        }, [Extract]);
        return new DryRunResult(sink.Entries, result.Workspace, result.Output, StepsOf(template), result.Error, result.FailedStepId);
    }

    /// <summary>The template's steps as written (unrendered), with Backstage's id and name defaults.</summary>
    public static JsonArray StepsOf(TemplateSpec template)
    {
        var written = template.Entity["spec"]?["steps"] as JsonArray ?? [];
        var steps = new JsonArray();
        for (var i = 0; i < written.Count; i++)
        {
            var step = written[i]?.DeepClone() as JsonObject ?? [];
            var copy = new JsonObject();
            foreach (var (key, value) in step.ToList())
            {
                step.Remove(key);
                copy[key] = value;
            }
            copy["id"] ??= template.Steps[i].Id;
            copy["name"] ??= template.Steps[i].Name;
            steps.Add(copy);
        }
        return steps;
    }

    /// <summary>Drops the hidden extract step's own log lines, as Backstage's dry runner does.</summary>
    private sealed class DroppingSink(IRunLogSink inner, string stepId) : IRunLogSink
    {
        public Task WriteAsync(RunLogEntry entry, CancellationToken cancellationToken) =>
            entry.StepId == stepId ? Task.CompletedTask : inner.WriteAsync(entry, cancellationToken);
    }
}
