using System.Security.Claims;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Model;
using Fawkes.Portal.Features.Templates.Workspace;

namespace Fawkes.Portal.Features.Templates.Runner;

/// <summary>Everything one run of a template needs. <see cref="Secrets"/> live only here, in memory.</summary>
public sealed class RunRequest
{
    public required string TaskId { get; init; }
    public required TemplateSpec Template { get; init; }
    public required JsonObject Parameters { get; init; }
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();
    public JsonObject? User { get; init; }
    public required ClaimsPrincipal Initiator { get; init; }
    public required TemplateDirectory TemplateFiles { get; init; }
    public required IRunLogSink Log { get; init; }
    public bool IsDryRun { get; init; }
    public CancellationToken CancellationToken { get; init; }
}

/// <summary>How a run ended: the rendered <c>output</c> and the workspace, or the step that failed and why.</summary>
public sealed record RunResult(JsonNode? Output, ScaffolderWorkspace Workspace, string? FailedStepId, Exception? Error, bool Cancelled)
{
    public bool Succeeded => Error is null && !Cancelled;
}
