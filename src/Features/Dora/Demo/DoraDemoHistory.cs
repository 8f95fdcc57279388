using System.Globalization;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Dora.Events;

namespace Fawkes.Portal.Features.Dora.Demo;

/// <summary>
/// 180 days of believable delivery history for the demo catalog's services: weekday deployments at a per-team pace,
/// pull requests with coding/review times, the odd failed sync and incidents with recoveries. Deterministic.
/// </summary>
public static class DoraDemoHistory
{
    private sealed record Profile(string Service, double DeployChance, double IncidentChance, int ReviewHours);

    private static readonly Profile[] Profiles =
    [
        new("payments-api", 0.85, 0.06, 6), new("payments-worker", 0.5, 0.05, 8), new("fraud-check", 0.35, 0.12, 20),
        new("cart-service", 0.7, 0.08, 10), new("checkout-web", 0.9, 0.04, 4), new("identity-service", 0.25, 0.15, 30),
        new("payment-events-publisher", 0.2, 0.10, 24), new("fawkes-portal", 0.6, 0.05, 5), new("backstage", 0.15, 0.08, 36),
        new("dora-metrics-collector", 0.3, 0.06, 12),
    ];

    public static IReadOnlyList<ParsedEvent> Generate(DateTimeOffset now, int days = 180)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var random = new Random(20240501);
        var events = new List<ParsedEvent>();
        foreach (var profile in Profiles)
        {
            var sequence = 0;
            for (var day = today.AddDays(-days); day <= today; day = day.AddDays(1))
            {
                if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || random.NextDouble() > profile.DeployChance)
                {
                    continue;
                }
                var started = At(day, 9 + random.Next(8), random.Next(60));
                var finished = started.AddMinutes(3 + random.Next(12));
                if (finished > now)
                {
                    continue; // Nothing from the future.
                }
                var id = $"{profile.Service}-{++sequence:0000}";
                var commits = new List<string>();
                for (var p = 0; p < 1 + random.Next(3); p++)
                {
                    var sha = $"{profile.Service[..3]}{sequence:0000}{p}";
                    commits.Add(sha);
                    var merged = started.AddMinutes(-(10 + random.Next(600)));
                    var created = merged.AddHours(-(1 + random.Next(profile.ReviewHours)));
                    var firstCommit = created.AddHours(-(1 + random.Next(48)));
                    events.Add(Event("pull_request", $"{id}-pr{p}", profile.Service, merged, new JsonObject
                    {
                        ["createdAt"] = Iso(created), ["mergedAt"] = Iso(merged), ["mergeCommitSha"] = sha, ["firstCommitAt"] = Iso(firstCommit),
                        // Someone picks the review up after a fifth to two thirds of the time until merge.
                        ["firstReviewAt"] = Iso(created + (merged - created) * (0.2 + (sequence + p) % 5 * 0.12)),
                        ["title"] = $"Change {sequence}.{p} to {profile.Service}",
                    }));
                }
                if (random.NextDouble() < 0.05)
                {
                    // A failed sync, retried a little later with the same commits.
                    events.Add(Deployment($"{id}-failed", profile.Service, "failure", started.AddMinutes(-30), started.AddMinutes(-25), []));
                }
                // The same change went through staging an hour and a half earlier (for the dashboard's environment filter).
                events.Add(Deployment($"{id}-staging", profile.Service, "success", started.AddMinutes(-90), finished.AddMinutes(-90), commits, "staging"));
                events.Add(Deployment(id, profile.Service, "success", started, finished, commits));
                if (random.NextDouble() < profile.IncidentChance)
                {
                    var created = finished.AddMinutes(20 + random.Next(600));
                    if (created > now)
                    {
                        continue;
                    }
                    DateTimeOffset? resolved = created.AddMinutes(15 + random.Next(2_000));
                    if (resolved > now || (day >= today.AddDays(-2) && random.NextDouble() < 0.5))
                    {
                        resolved = null; // Recent incidents may still be open.
                    }
                    events.Add(Event("incident", $"{id}-inc", profile.Service, created, new JsonObject
                    {
                        ["createdAt"] = Iso(created), ["resolvedAt"] = resolved is null ? null : Iso(resolved.Value),
                        ["severity"] = random.NextDouble() < 0.3 ? "critical" : "warning", ["title"] = $"{profile.Service} error rate above SLO",
                    }));
                }
            }
        }
        return events;
    }

    private static ParsedEvent Deployment(string id, string service, string result, DateTimeOffset started, DateTimeOffset finished, List<string> commits, string environment = "production") =>
        Event("deployment", id, service, finished, new JsonObject
        {
            ["environment"] = environment, ["result"] = result, ["startedAt"] = Iso(started), ["finishedAt"] = Iso(finished),
            ["revision"] = $"rev-{id}", ["commits"] = new JsonArray([.. commits.Select(c => (JsonNode)JsonValue.Create(c)!)]), ["source"] = "argocd",
        });

    private static ParsedEvent Event(string type, string id, string service, DateTimeOffset at, JsonObject fields)
    {
        var json = new JsonObject { ["type"] = type, ["id"] = id, ["service"] = service };
        foreach (var (key, value) in fields)
        {
            json[key] = value?.DeepClone();
        }
        return new ParsedEvent(type, id, service, at, json);
    }

    private static DateTimeOffset At(DateOnly day, int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
