using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Actions.Builtin;

/// <summary><c>debug:log</c>: writes its input, a message and optionally the workspace listing to the log.</summary>
public sealed class DebugLogAction : ScaffolderAction
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override string Id => "debug:log";
    public override string Description => "Writes a message into the log and/or lists all files in the workspace.";
    public override bool SupportsDryRun => true;
    public override JsonObject InputSchema { get; } = Schema(ActionSchemas.DebugLogInput);

    public override async Task ExecuteAsync(ActionContext context)
    {
        var ct = context.CancellationToken;
        await context.Log.InfoAsync(context.Input.ToJsonString(Indented), null, ct);
        if (context.InputString("message") is { Length: > 0 } message)
        {
            await context.Log.InfoAsync(message, null, ct);
        }
        var list = context.Input["listWorkspace"];
        if (list is null || (list is JsonValue v && v.TryGetValue<bool>(out var b) && !b))
        {
            return;
        }
        var withContents = list.ToString() == "with-contents";
        var text = new StringBuilder("Workspace:\n");
        text.AppendJoin('\n', context.Workspace.Files.Select(f => withContents
            ? $" - {f.Key}:\n\n  {Encoding.UTF8.GetString(f.Value.Content)}"
            : $"  - {f.Key}"));
        await context.Log.InfoAsync(text.ToString(), null, ct);
    }
}
