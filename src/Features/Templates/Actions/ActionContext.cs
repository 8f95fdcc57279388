using System.Security.Claims;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Runner;
using Fawkes.Portal.Features.Templates.Workspace;

namespace Fawkes.Portal.Features.Templates.Actions;

/// <summary>What an action's handler gets: its rendered input, the workspace, the template's files, the step's log and
/// a way to set outputs. <see cref="Initiator"/> is who started the run: actions that write to the catalog or to GitHub
/// act for them.</summary>
public sealed class ActionContext
{
    public required string TaskId { get; init; }
    public required string StepId { get; init; }
    public required string StepName { get; init; }
    public required JsonObject Input { get; init; }
    public required ScaffolderWorkspace Workspace { get; init; }
    public required TemplateDirectory TemplateFiles { get; init; }
    public required StepLog Log { get; init; }
    public required Action<string, JsonNode?> Output { get; init; }
    public required bool IsDryRun { get; init; }
    public required IReadOnlyDictionary<string, string> Secrets { get; init; }
    public required ClaimsPrincipal Initiator { get; init; }
    public JsonObject? User { get; init; }
    public string? TemplateEntityRef { get; init; }
    public CancellationToken CancellationToken { get; init; }

    public string? InputString(string name) => Input[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public bool InputBool(string name, bool fallback = false) => Input[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : fallback;

    public string RequiredString(string name) =>
        InputString(name) is { Length: > 0 } s ? s : throw new ActionInputException($"Input '{name}' is required.");
}
