using System.Globalization;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Dora.Pollers;

/// <summary>
/// One ArgoCD sync as a native deployment event, shared by the Notifications receiver and the history poller so that
/// both name the same sync with the same id (and the store keeps one event, not two).
/// </summary>
public static class ArgoCdDeploymentEvent
{
    public const string PollerSource = "argocd-poller";

    /// <summary>
    /// <c>argocd-{app}-{startedAt}</c> with the start in one canonical UTC form: the Notifications template and the API
    /// may write the same instant differently (<c>Z</c> or <c>+00:00</c>, other offsets, fractions).
    /// </summary>
    public static string Id(string app, string? startedAt) => $"argocd-{app}-{CanonicalTime(startedAt)}";

    /// <summary>RFC 3339 in UTC, fractions only when there are any (ArgoCD writes whole seconds with <c>Z</c>, which stays as it was).</summary>
    internal static string? CanonicalTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : text;

    /// <summary>
    /// A <c>status.history[]</c> entry of the Application. History only records successful syncs. No <c>commits</c>:
    /// the store resolves them from the revision, as for every deployment sent without them.
    /// </summary>
    public static JsonObject FromHistory(string app, string service, JsonObject? labels, JsonObject entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var finished = DoraJson.S(entry, "deployedAt");
        var started = DoraJson.S(entry, "deployStartedAt") ?? finished;
        // Multi-source applications record one revision per source instead; the first source is the application's own.
        var revision = DoraJson.S(entry, "revision") is { Length: > 0 } single ? single : FirstRevision(entry);
        return new JsonObject
        {
            ["type"] = "deployment",
            ["id"] = Id(app, started),
            ["service"] = service,
            ["environment"] = Events.EnvironmentLabel.OrProduction(DoraJson.S(labels, "environment")),
            ["result"] = "success",
            ["startedAt"] = started,
            ["finishedAt"] = finished,
            ["revision"] = revision,
            ["source"] = PollerSource,
        };
    }

    private static string? FirstRevision(JsonObject entry) =>
        entry["revisions"] is JsonArray { Count: > 0 } revisions && revisions[0] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
