using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Actions.Builtin;

/// <summary>
/// <c>notification:send</c>, which Backstage's default app installs and its example template uses. The portal has no
/// notification centre yet: the notification is written to the run's log (title, recipients, link), so templates that
/// send one run unchanged and the run page shows what would have been sent.
/// </summary>
public sealed class NotificationSendAction : ScaffolderAction
{
    public override string Id => "notification:send";
    public override string Description => "Sends a notification using NotificationService";
    public override JsonObject InputSchema { get; } = Schema("""
        {"type":"object","required":["recipients","title"],"properties":{
          "recipients":{"type":"string","enum":["broadcast","entity"],"description":"The recipient of the notification, either broadcast or entity. If using entity, also entityRef must be provided"},
          "entityRefs":{"type":"array","items":{"type":"string"},"description":"The entity references to send the notification to, required if using recipients entity"},
          "title":{"type":"string","description":"Notification title"},
          "info":{"type":"string","description":"Notification description"},
          "link":{"type":"string","description":"Notification link"},
          "severity":{"type":"string","enum":["low","normal","high","critical"],"description":"Notification severity"},
          "scope":{"type":"string","description":"Notification scope"},
          "optional":{"type":"boolean","description":"Do not fail the action if the notification sending fails"}}}
        """);

    public override Task ExecuteAsync(ActionContext context)
    {
        var to = context.InputString("recipients") == "entity"
            ? string.Join(", ", (context.Input["entityRefs"] as JsonArray ?? []).Select(r => r?.ToString()))
            : "everyone";
        var link = context.InputString("link") is { Length: > 0 } l ? $" ({l})" : "";
        return context.Log.InfoAsync($"Notification to {to}: {context.InputString("title")}{link}", null, context.CancellationToken);
    }
}
