using System.Globalization;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Dora.Pollers;

/// <summary>
/// One finished Jenkins build as a native build event, shared by the Notification plugin receiver and the JSON API poller
/// so that both give the same build the same id and fields.
/// </summary>
public static class JenkinsBuildEvent
{
    public const string PollerSource = "jenkins-poller";

    public static string Id(string job, string number) => $"jenkins-{job}-{number}";

    /// <param name="job">The job's full name with folders (<c>payments/payments-api/main</c>).</param>
    /// <param name="startedMs">Jenkins' <c>timestamp</c>: the build's start, Unix milliseconds.</param>
    public static JsonObject Create(string job, string number, string service, string? result, long? startedMs, long durationMs, string? commitSha, string? branch)
    {
        var started = startedMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
        return new JsonObject
        {
            ["type"] = "build",
            ["id"] = Id(job, number),
            ["service"] = service,
            ["result"] = (result ?? "unknown").ToLowerInvariant(),
            ["startedAt"] = started?.ToString("O", CultureInfo.InvariantCulture),
            ["finishedAt"] = started?.AddMilliseconds(durationMs).ToString("O", CultureInfo.InvariantCulture),
            ["commitSha"] = commitSha,
            ["branch"] = branch,
        };
    }

    /// <summary>A build of the JSON API's <c>builds[...]</c> tree; null while it runs (no result yet).</summary>
    public static JsonObject? FromApiBuild(string job, string service, JsonObject build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var result = DoraJson.S(build, "result");
        if ((build["building"] is JsonValue building && building.TryGetValue<bool>(out var running) && running) || result is null)
        {
            return null;
        }
        // The Git plugin's BuildData; pipelines that also check out libraries list several, the first is the job's own.
        var revision = (build["actions"] as JsonArray ?? []).OfType<JsonObject>().Select(a => a["lastBuiltRevision"]).OfType<JsonObject>().FirstOrDefault();
        var branch = (revision?["branch"] as JsonArray)?.OfType<JsonObject>().Select(b => DoraJson.S(b, "name")).FirstOrDefault();
        return Create(job, build["number"]?.ToString() ?? "", service, result, Long(build["timestamp"]), Long(build["duration"]) ?? 0,
            DoraJson.S(revision, "SHA1"), branch);
    }

    internal static long? Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;
}
