using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Actions.Builtin;

/// <summary><c>debug:wait</c>: waits for the given time (Backstage's built-in, at most 10 minutes). Cancelling the task ends
/// the wait at once.</summary>
public sealed class DebugWaitAction : ScaffolderAction
{
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(10);

    public override string Id => "debug:wait";
    public override string Description => "Waits for a certain period of time.";
    public override JsonObject InputSchema { get; } = Schema("""
        {"type":"object","additionalProperties":false,"$schema":"http://json-schema.org/draft-07/schema#","properties":{
          "minutes":{"type":"number","description":"Waiting period in minutes."},
          "seconds":{"type":"number","description":"Waiting period in seconds."},
          "milliseconds":{"type":"number","description":"Waiting period in milliseconds."}}}
        """);

    public override async Task ExecuteAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var wait = TimeSpan.FromMinutes(Number(context, "minutes")) + TimeSpan.FromSeconds(Number(context, "seconds"))
            + TimeSpan.FromMilliseconds(Number(context, "milliseconds"));
        if (wait > Max)
        {
            throw new ActionInputException($"Waiting duration is longer than the maximum threshold of {Max.TotalMinutes} minutes");
        }
        await Task.Delay(wait, context.CancellationToken);
    }

    private static double Number(ActionContext context, string name) =>
        context.Input[name] is JsonValue v && v.TryGetValue<double>(out var n) ? n : 0;
}
