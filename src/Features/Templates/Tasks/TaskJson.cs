using System.Globalization;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>A stored event as the API and the run page see it.</summary>
public sealed record TaskEventView(long Id, Guid TaskId, string Type, JsonObject Body, DateTimeOffset CreatedAt)
{
    public static TaskEventView From(ScaffolderTaskEvent e) =>
        new(e.Id, e.TaskId, e.Type, JsonNode.Parse(e.BodyJson) as JsonObject ?? [], e.CreatedAt);

    public string? StepId => (Body["stepId"] as JsonValue)?.ToString();

    public string? Status => (Body["status"] as JsonValue)?.ToString();

    public string Message => (Body["message"] as JsonValue)?.ToString() ?? "";

    /// <summary>Backstage's event: <c>{id, isTaskRecoverable, taskId, body, type, createdAt}</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["isTaskRecoverable"] = false,
        ["taskId"] = TaskId.ToString(),
        ["body"] = Body.DeepClone(),
        ["type"] = Type,
        ["createdAt"] = TaskJson.Time(CreatedAt),
    };
}

/// <summary>Tasks in Backstage's shape (docs/scaffolder-semantics.md §6.2).</summary>
public static class TaskJson
{
    /// <summary>ISO 8601 in UTC with milliseconds, as Backstage's API writes timestamps.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>{id, spec, status, createdAt, lastHeartbeatAt?, createdBy?}</c>.</summary>
    public static JsonObject ToJson(ScaffolderTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var json = new JsonObject
        {
            ["id"] = task.Id.ToString(),
            ["spec"] = JsonNode.Parse(task.SpecJson),
            ["status"] = task.Status,
            ["createdAt"] = Time(task.CreatedAt),
        };
        if (task.LastHeartbeatAt is { } heartbeat)
        {
            json["lastHeartbeatAt"] = Time(heartbeat);
        }
        if (task.CreatedBy is { } createdBy)
        {
            json["createdBy"] = createdBy;
        }
        return json;
    }
}
