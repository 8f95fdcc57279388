using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Actions;
using Fawkes.Portal.Features.Templates.Model;
using Fawkes.Portal.Features.Templates.Workspace;

namespace Fawkes.Portal.Features.Templates.Runner;

/// <summary>One step of a run, as Backstage's <c>executeStep</c>: log, <c>if</c>, dry-run skip, <c>each</c>, input
/// validation, the handler, outputs.</summary>
internal sealed class StepRun(WorkflowRunner runner, RunRequest request, ScaffolderWorkspace workspace, SecretRedactor redactor)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Task EmitAsync(string message, string? stepId, string? status) =>
        request.Log.WriteAsync(new RunLogEntry(redactor.Redact(message), stepId, status, runner.Time.GetUtcNow()), CancellationToken.None);

    public async Task ExecuteAsync(TemplateStep step, JsonObject context, RunState state)
    {
        await EmitAsync($"Beginning step {step.Name}", step.Id, "processing");
        var log = new StepLog(request.Log, step.Id, redactor, runner.Time);
        try
        {
            request.CancellationToken.ThrowIfCancellationRequested();
            if (IsFalse(step.If) || (IsString(step.If) && step.Each is null && !JsTruth.IsTruthy(runner.Render(step.If, context, step.Id, state))))
            {
                await EmitAsync($"Skipping step {step.Id} because its if condition was false", step.Id, "skipped");
                return;
            }
            var action = runner.Action(step.Action);
            if (request.IsDryRun && await SkipInDryRunAsync(step, action, context, state, log))
            {
                return;
            }
            var stepContext = (JsonObject)context.DeepClone();
            stepContext["secrets"] = new JsonObject(request.Secrets.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value)));
            var iterations = Iterations(step, action, stepContext, state);
            var outputs = new JsonObject();
            foreach (var iteration in iterations.Where(i => i.ShouldRun))
            {
                ValidateInput(action, iteration);
            }
            foreach (var iteration in iterations)
            {
                if (iteration.Each is { } each)
                {
                    var verb = iteration.ShouldRun ? "Running" : "Skipping";
                    await log.InfoAsync($"{verb} step each: {EachLog(each)}", null, request.CancellationToken);
                    if (!iteration.ShouldRun)
                    {
                        continue;
                    }
                }
                await action.ExecuteAsync(new ActionContext
                {
                    TaskId = request.TaskId, StepId = step.Id, StepName = step.Name, Input = iteration.Input, Workspace = workspace,
                    TemplateFiles = request.TemplateFiles, Log = log, IsDryRun = request.IsDryRun, Secrets = request.Secrets,
                    Initiator = request.Initiator, User = request.User, TemplateEntityRef = request.Template.EntityRef,
                    CancellationToken = request.CancellationToken,
                    Output = (name, value) =>
                    {
                        if (step.Each is not null)
                        {
                            if (outputs[name] is not JsonArray list)
                            {
                                outputs[name] = list = [];
                            }
                            list.Add(value?.DeepClone());
                        }
                        else
                        {
                            outputs[name] = value?.DeepClone();
                        }
                    },
                });
            }
            ((JsonObject)context["steps"]!)[step.Id] = new JsonObject { ["output"] = outputs };
            request.CancellationToken.ThrowIfCancellationRequested();
            await EmitAsync($"Finished step {step.Name}", step.Id, "completed");
        }
        catch (OperationCanceledException) when (request.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error)
        {
            await EmitAsync(ErrorText(error), step.Id, "failed");
            throw;
        }
    }

    /// <summary>In a dry run the input is logged (secrets as ***); an action that cannot run dry is skipped and its
    /// outputs become examples from its output schema.</summary>
    private async Task<bool> SkipInDryRunAsync(TemplateStep step, ScaffolderAction action, JsonObject context, RunState state, StepLog log)
    {
        var dryContext = (JsonObject)context.DeepClone();
        dryContext["secrets"] = new JsonObject(request.Secrets.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)"***")));
        var debugInput = step.Input is null ? new JsonObject() : runner.Render(step.Input, dryContext, step.Id, state) ?? new JsonObject();
        await log.InfoAsync($"Running {action.Id} in dry-run mode with inputs (secrets redacted): {debugInput.ToJsonString(Indented).Replace("\r\n", "\n")}",
            null, request.CancellationToken);
        if (action.SupportsDryRun)
        {
            return false;
        }
        await EmitAsync($"Skipping because {action.Id} does not support dry-run", step.Id, "skipped");
        ((JsonObject)context["steps"]!)[step.Id] = new JsonObject
        {
            ["output"] = action.OutputSchema is { } schema ? ExampleOutput.From(schema) : new JsonObject(),
        };
        return true;
    }

    private List<Iteration> Iterations(TemplateStep step, ScaffolderAction action, JsonObject context, RunState state)
    {
        if (step.Each is null)
        {
            return [new Iteration(null, true, RenderInput(step, context, state))];
        }
        var resolved = runner.Render(step.Each, context, step.Id, state);
        if (resolved is null)
        {
            throw new ActionInputException($"Invalid value on action {action.Id}.each parameter, \"{step.Each.ToJsonString(Compact).Trim('"')}\" cannot be resolved to a value");
        }
        var entries = resolved switch
        {
            JsonArray array => array.Select((v, i) => (Key: i.ToString(System.Globalization.CultureInfo.InvariantCulture), Value: v)).ToList(),
            JsonObject obj => obj.Select(p => (p.Key, p.Value)).ToList(),
            _ => throw new ActionInputException($"Invalid value on action {action.Id}.each parameter, must resolve to an array or object"),
        };
        var list = new List<Iteration>();
        foreach (var (key, value) in entries)
        {
            var each = new JsonObject { ["key"] = key, ["value"] = value?.DeepClone() };
            var iterationContext = (JsonObject)context.DeepClone();
            iterationContext["each"] = each.DeepClone();
            var shouldRun = step.If is null || JsTruth.IsTruthy(runner.Render(step.If, iterationContext, step.Id, state));
            list.Add(new Iteration(each, shouldRun, RenderInput(step, iterationContext, state)));
        }
        return list;
    }

    private JsonObject RenderInput(TemplateStep step, JsonObject context, RunState state) =>
        step.Input is null ? new JsonObject() : runner.Render(step.Input, context, step.Id, state) as JsonObject ?? new JsonObject();

    private static void ValidateInput(ScaffolderAction action, Iteration iteration)
    {
        var errors = ActionInputValidator.Validate(action.InputSchema, iteration.Input);
        if (errors.Count > 0)
        {
            var id = iteration.Each is { } each ? $"{action.Id}[{each["key"]}]" : action.Id;
            throw new ActionInputException($"Invalid input passed to action {id}, {string.Join(", ", errors)}");
        }
    }

    /// <summary>Backstage logs <c>String(err.stack)</c>: the error's name and message, then the JavaScript stack. A .NET
    /// stack means nothing to a template author, so the name and message are given alone.</summary>
    private static string ErrorText(Exception error) => error switch
    {
        ActionInputException => $"InputError: {error.Message}",
        PathEscapeException => $"NotAllowedError: {error.Message}",
        ActionNotFoundException => $"NotFoundError: {error.Message}",
        _ => $"Error: {error.Message}",
    };

    private static string EachLog(JsonObject each) =>
        new JsonObject { ["key"] = each["key"]?.DeepClone(), ["value"] = EachValue(each["value"]) }.ToJsonString(Compact);

    private static string EachValue(JsonNode? value) => value switch
    {
        null => "null",
        JsonArray array => string.Join(",", array.Select(v => v is null ? "" : EachValue(v))),
        JsonObject => "[object Object]",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    private static bool IsFalse(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.False;

    private static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    private sealed record Iteration(JsonObject? Each, bool ShouldRun, JsonObject Input);
}
