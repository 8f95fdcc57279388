using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fawkes.Portal.Features.Catalog.Model;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>One step on the run page: its status from the log, and how long it took.</summary>
public sealed record TaskStepView(string Id, string Name, string Status, TimeSpan? Duration);

/// <summary>One line of the log, without the terminal colours the action loggers add.</summary>
public sealed record TaskLogLine(long Id, DateTimeOffset At, string? StepId, string? Status, string Message);

/// <summary>An output link: a URL as is, an <c>entityRef</c> as the catalog page.</summary>
public sealed record TaskOutputLink(string Title, string Href, string? Icon);

/// <summary>
/// What the run page shows for a task, built from the stored task and its events alone (pure, so the page and its tests
/// agree): steps with status and duration, the log, the output links, the error, the approval decision.
/// </summary>
public sealed partial record TaskRunModel(
    Guid Id, string Status, string TemplateRef, string? TemplateTitle, string? CreatedBy, DateTimeOffset CreatedAt, string? Approval,
    JsonObject Parameters, IReadOnlyList<TaskStepView> Steps, IReadOnlyList<TaskLogLine> Log, IReadOnlyList<TaskOutputLink> Links,
    string? Error, string? Decision, long LastEventId)
{
    public bool IsFinished => ScaffolderTaskStatus.IsFinished(Status);

    public static TaskRunModel From(ScaffolderTask task, IReadOnlyList<TaskEventView> events)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(events);
        var spec = JsonNode.Parse(task.SpecJson) as JsonObject ?? [];
        var steps = (spec["steps"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(s => ((s["id"] as JsonValue)?.ToString() ?? "", (s["name"] as JsonValue)?.ToString() ?? "")).ToList();
        var log = events.Where(e => e.Type is TaskEventType.Log or TaskEventType.Cancelled or TaskEventType.Approval or TaskEventType.Completion)
            .Select(e => new TaskLogLine(e.Id, e.CreatedAt, e.StepId, e.Status, Ansi().Replace(e.Message, ""))).ToList();
        var completion = events.LastOrDefault(e => e.Type == TaskEventType.Completion);
        var error = (completion?.Body["error"]?["message"] as JsonValue)?.ToString()
            ?? (task.ErrorJson is { } e ? (JsonNode.Parse(e)?["message"] as JsonValue)?.ToString() : null);
        var output = completion?.Body["output"] ?? (task.OutputJson is { } o ? JsonNode.Parse(o) : null);
        var metadata = spec["templateInfo"]?["entity"]?["metadata"];
        return new TaskRunModel(task.Id, task.Status, (spec["templateInfo"]?["entityRef"] as JsonValue)?.ToString() ?? "",
            (metadata?["title"] as JsonValue)?.ToString(), task.CreatedBy ?? task.Initiator, task.CreatedAt, task.Approval,
            spec["parameters"] as JsonObject ?? [], [.. steps.Select(s => Step(s.Item1, s.Item2, events, task.Status))], log, ReadLinks(output),
            error, events.LastOrDefault(e => e.Type == TaskEventType.Approval)?.Message, events.Count > 0 ? events.Max(e => e.Id) : 0);
    }

    private static TaskStepView Step(string id, string name, IReadOnlyList<TaskEventView> events, string taskStatus)
    {
        var mine = events.Where(e => e.StepId == id && e.Status is not null).ToList();
        var started = mine.FirstOrDefault(e => e.Status == "processing")?.CreatedAt;
        var last = mine.LastOrDefault();
        var status = last?.Status ?? (ScaffolderTaskStatus.IsFinished(taskStatus) ? "skipped" : "pending");
        if (status == "processing" && ScaffolderTaskStatus.IsFinished(taskStatus))
        {
            status = "failed";
        }
        TimeSpan? duration = started is { } s && last is { } l && l.Status != "processing" ? l.CreatedAt - s : null;
        return new TaskStepView(id, name, status, duration);
    }

    private static List<TaskOutputLink> ReadLinks(JsonNode? output)
    {
        var links = new List<TaskOutputLink>();
        foreach (var link in (output?["links"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var title = (link["title"] as JsonValue)?.ToString();
            var icon = (link["icon"] as JsonValue)?.ToString();
            if ((link["url"] as JsonValue)?.ToString() is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
                && uri.Scheme is "http" or "https")
            {
                links.Add(new TaskOutputLink(title ?? url, url, icon));
            }
            else if ((link["entityRef"] as JsonValue)?.ToString() is { } entityRef
                && EntityRef.TryParse(entityRef, null, EntityRef.DefaultNamespace, out var r, out _))
            {
                var href = $"/catalog/{Uri.EscapeDataString(r.Namespace)}/{Uri.EscapeDataString(r.Kind)}/{Uri.EscapeDataString(r.Name)}";
                links.Add(new TaskOutputLink(title ?? r.ToString(), href, icon ?? "catalog"));
            }
        }
        return links;
    }

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex Ansi();
}
