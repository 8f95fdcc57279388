using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Actions;
using Fawkes.Portal.Features.Templates.Model;
using Fawkes.Portal.Features.Templates.Workspace;

namespace Fawkes.Portal.Features.Templates.Runner;

/// <summary>
/// Runs a template's steps in order — Backstage's NunjucksWorkflowRunner, step for step: the same log lines and step
/// statuses, <c>if</c> and <c>each</c>, <c>always()</c>/<c>failure()</c> after a failure, example outputs for actions
/// skipped in a dry run, and the <c>output</c> section rendered at the end. A failing step does not stop the loop (later
/// steps may ask for <c>failure()</c>); the run fails with the first error.
/// </summary>
public sealed class WorkflowRunner(ActionRegistry actions, IStepExpressions expressions, WorkspaceLimits limits, TimeProvider time)
{
    public async Task<RunResult> RunAsync(RunRequest request, IReadOnlyList<TemplateStep>? extraSteps = null)
    {
        var steps = request.Template.Steps.Concat(extraSteps ?? []).ToList();
        var workspace = new ScaffolderWorkspace(limits);
        var redactor = new SecretRedactor(request.Secrets.Values);
        var run = new StepRun(this, request, workspace, redactor);
        await run.EmitAsync($"Starting up task with {steps.Count} steps", null, null);
        var context = new JsonObject
        {
            ["parameters"] = request.Parameters.DeepClone(),
            ["environment"] = new JsonObject { ["parameters"] = new JsonObject(), ["secrets"] = new JsonObject() },
            ["steps"] = new JsonObject(),
            ["user"] = request.User?.DeepClone() ?? new JsonObject(),
            ["context"] = new JsonObject { ["task"] = new JsonObject { ["id"] = request.TaskId } },
        };
        var state = new RunState();
        (TemplateStep Step, Exception Error)? first = null;
        foreach (var step in steps)
        {
            if (state.Failed && !RunsAfterFailure(step, context, state))
            {
                await run.EmitAsync($"Skipping step {step.Id} because a previous step failed", step.Id, "skipped");
                continue;
            }
            try
            {
                await run.ExecuteAsync(step, context, state);
            }
            catch (Exception error) when (error is not OperationCanceledException || !request.CancellationToken.IsCancellationRequested)
            {
                first ??= (step, error);
                state.Failed = true;
            }
            catch (OperationCanceledException)
            {
                await run.EmitAsync($"Step {step.Id} has been cancelled.", step.Id, "cancelled");
                return new RunResult(null, workspace, step.Id, null, Cancelled: true);
            }
        }
        if (first is { } failure)
        {
            return new RunResult(null, workspace, failure.Step.Id, failure.Error, Cancelled: false);
        }
        var output = Render(request.Template.Output, context, $"{request.Template.EntityRef} output", state);
        if (output is JsonObject outputObject)
        {
            FilterConditional(outputObject, "links");
            FilterConditional(outputObject, "text");
        }
        return new RunResult(output ?? new JsonObject(), workspace, null, null, Cancelled: false);
    }

    internal JsonNode? Render(JsonNode? node, JsonObject context, string source, RunState state) =>
        node is null ? null : expressions.Render(node.DeepClone(), context, source, state.Globals);

    internal ScaffolderAction Action(string id) => actions.Get(id);

    internal TimeProvider Time => time;

    /// <summary>After a failure a step runs only when its <c>if</c> calls <c>always()</c> or <c>failure()</c> (and is true).</summary>
    private bool RunsAfterFailure(TemplateStep step, JsonObject context, RunState state)
    {
        if (step.If is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }
        state.StatusCheckInvoked = false;
        Render(step.If, context, step.Id, state);
        return state.StatusCheckInvoked;
    }

    private static void FilterConditional(JsonObject output, string key)
    {
        if (output[key] is not JsonArray items)
        {
            return;
        }
        var kept = new JsonArray();
        foreach (var item in items.ToList())
        {
            items.Remove(item);
            if (item is JsonObject obj && obj.ContainsKey("if"))
            {
                if (!JsTruth.IsTruthy(obj["if"]))
                {
                    continue;
                }
                obj.Remove("if");
            }
            kept.Add(item);
        }
        output[key] = kept;
    }
}

/// <summary>A run's shared state: whether a step failed, and the status functions templates call in <c>if</c>.</summary>
internal sealed class RunState
{
    public RunState()
    {
        Globals = new Dictionary<string, Func<JsonNode?>>
        {
            ["always"] = () => { StatusCheckInvoked = true; return JsonValue.Create(true); },
            ["failure"] = () => { StatusCheckInvoked = true; return JsonValue.Create(Failed); },
        };
    }

    public bool Failed { get; set; }

    public bool StatusCheckInvoked { get; set; }

    public IReadOnlyDictionary<string, Func<JsonNode?>> Globals { get; }
}
