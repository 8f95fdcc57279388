using System.Text.Json.Nodes;

namespace Fawkes.Portal.Integrations.Jenkins;

/// <summary>Jenkins' JSON API and wfapi answers → the views. Pure: fields missing or of another type are left out, never fatal.</summary>
public static class JenkinsParser
{
    /// <summary>How many log lines of the failed step are shown.</summary>
    public const int TailLines = 40;

    /// <summary>A multibranch project (its builds live in one job per branch).</summary>
    public static bool IsMultibranch(JsonObject job) =>
        Str(job["_class"]) is { } c && c.Contains("MultiBranch", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<string> Branches(JsonObject job) =>
        [.. (job["jobs"] as JsonArray ?? []).OfType<JsonObject>().Select(j => Str(j["name"])).OfType<string>()];

    /// <summary>The branch to show: the one asked for, else the default (annotation or <c>main</c>), else <c>master</c>, else the first.</summary>
    public static string? PickBranch(IReadOnlyList<string> branches, string? requested, string? preferred)
    {
        foreach (var candidate in new[] { requested, preferred, "main", "master" })
        {
            var match = candidate is null ? null : branches.FirstOrDefault(b => string.Equals(Uri.UnescapeDataString(b), candidate, StringComparison.Ordinal));
            if (match is not null)
            {
                return match;
            }
        }
        return branches.FirstOrDefault();
    }

    public static IReadOnlyList<JenkinsBuildView> Builds(JsonObject job) =>
        [.. (job["builds"] as JsonArray ?? []).OfType<JsonObject>().Select(Build).OfType<JenkinsBuildView>()];

    public static JenkinsBuildView? Build(JsonObject build)
    {
        if (Int(build["number"]) is not { } number)
        {
            return null;
        }
        var building = build["building"] is JsonValue b && b.TryGetValue<bool>(out var isBuilding) && isBuilding;
        var result = building ? "BUILDING" : Str(build["result"]) ?? "NOT_BUILT";
        var actions = (build["actions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var revision = actions.Select(a => a["lastBuiltRevision"] as JsonObject).FirstOrDefault(r => r is not null);
        var tests = actions.FirstOrDefault(a => Int(a["totalCount"]) is not null);
        var branch = (revision?["branch"] as JsonArray)?.OfType<JsonObject>().Select(x => Str(x["name"])).FirstOrDefault(n => n is not null);
        return new JenkinsBuildView(
            number, result, building ? null : Long(build["duration"]),
            Long(build["timestamp"]) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
            branch is null ? null : StripRemote(branch), Str(revision?["SHA1"]),
            tests is null ? null : new JenkinsTestSummary(Int(tests["totalCount"]) ?? 0, Int(tests["failCount"]) ?? 0, Int(tests["skipCount"]) ?? 0),
            Str(build["url"]));
    }

    /// <summary><c>wfapi/describe</c> of a run.</summary>
    public static JenkinsRunView Run(int number, JsonObject describe) => new(
        number, Str(describe["status"]) ?? "NOT_EXECUTED",
        [.. (describe["stages"] as JsonArray ?? []).OfType<JsonObject>().Select(Stage)], null, null, null);

    /// <summary>The first failed stage (wfapi says <c>FAILED</c>), whose console is worth showing.</summary>
    public static JenkinsStageView? FailedStage(JenkinsRunView run) => run.Stages.FirstOrDefault(s => s.Status == "FAILED");

    /// <summary>In a stage's <c>wfapi/describe</c>, the id of the step that failed (the last one, if several did).</summary>
    public static string? FailedNodeId(JsonObject stageDescribe) =>
        (stageDescribe["stageFlowNodes"] as JsonArray ?? []).OfType<JsonObject>().LastOrDefault(n => Str(n["status"]) == "FAILED") is { } node
            ? Str(node["id"]) : null;

    /// <summary>The last <see cref="TailLines"/> lines of a <c>wfapi/log</c> answer's text.</summary>
    public static string? Tail(JsonObject log)
    {
        var text = Str(log["text"]);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - TailLines)));
    }

    private static JenkinsStageView Stage(JsonObject s) => new(
        Str(s["id"]) ?? "", Str(s["name"]) ?? "(unnamed)", Str(s["status"]) ?? "NOT_EXECUTED", Long(s["durationMillis"]) ?? 0,
        Long(s["startTimeMillis"]) is { } ms and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);

    /// <summary>Git plugin branch names carry the remote (<c>refs/remotes/origin/main</c>, <c>origin/main</c>).</summary>
    internal static string StripRemote(string branch)
    {
        foreach (var prefix in new[] { "refs/remotes/origin/", "refs/heads/", "origin/" })
        {
            if (branch.StartsWith(prefix, StringComparison.Ordinal))
            {
                return branch[prefix.Length..];
            }
        }
        return branch;
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long? Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var l) ? l : null;

    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
}
