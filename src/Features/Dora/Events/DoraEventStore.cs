using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dora.Calculation;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Dora.Events;

/// <summary>Stores events (re-sending the same type and id replaces) and loads them as calculator input.</summary>
public sealed class DoraEventStore(IDbContextFactory<PortalDbContext> factory, TimeProvider time)
{
    /// <summary>Raised after a batch is committed.</summary>
    public event Action? Changed;

    /// <summary>For writers outside the store (the commit resolver) whose updates change the metrics.</summary>
    public void NotifyChanged() => Changed?.Invoke();

    /// <summary>All or nothing: the batch is committed in one transaction before anyone is told it was accepted.</summary>
    public async Task UpsertAsync(IReadOnlyList<ParsedEvent> events, string source, CancellationToken ct)
    {
        await using var probe = await factory.CreateDbContextAsync(ct);
        await probe.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The last occurrence of a (type, id) within one batch wins, as if sent one after the other.
            var latest = events.GroupBy(e => (e.Type, e.Id)).Select(g => g.Last()).ToList();
            // Services an Admin mapped to a catalog component arrive under the component's name from then on.
            var mappings = await db.Set<Quality.ServiceMapping>().AsNoTracking().ToDictionaryAsync(m => m.FromKey, m => m.Component, ct);
            var existing = new Dictionary<(string, string), DoraEventRecord>();
            // Per type, so the lookup uses the (type, id) primary key.
            foreach (var byType in latest.GroupBy(e => e.Type))
            {
                foreach (var chunk in byType.Select(e => e.Id).Chunk(1_000))
                {
                    foreach (var found in await db.Set<DoraEventRecord>().Where(r => r.Type == byType.Key && chunk.Contains(r.Id)).ToListAsync(ct))
                    {
                        existing[(found.Type, found.Id)] = found;
                    }
                }
            }
            var touched = new List<string>(); // services whose events change, by name as sent
            var left = new HashSet<string>(StringComparer.Ordinal); // services an event moved away from
            foreach (var e in latest)
            {
                var record = existing.GetValueOrDefault((e.Type, e.Id));
                if (record is not null)
                {
                    touched.Add(record.Service); // re-sent under another service: the old one changes too
                    left.Add(record.ServiceKey);
                }
                if (record is null)
                {
                    record = new DoraEventRecord { Type = e.Type, Id = e.Id, Service = e.Service, ServiceKey = "", Json = "", Source = source };
                    db.Add(record);
                }
                var service = mappings.GetValueOrDefault(e.Service.ToLowerInvariant()) ?? e.Service;
                e.Json["service"] = service;
                record.Service = service;
                record.ServiceKey = service.ToLowerInvariant();
                touched.Add(service);
                left.Remove(record.ServiceKey);
                record.AtUnixMs = e.At.ToUnixTimeMilliseconds();
                record.Json = e.Json.ToJsonString();
                record.Source = source;
                record.ReceivedAt = time.GetUtcNow();
                record.CommitsState = NeedsCompare(e) ? CommitsStates.Pending : null;
            }
            await db.SaveChangesAsync(ct);
            await DoraServiceVersions.BumpAsync(db, touched, ct);
            foreach (var key in left)
            {
                await DoraServiceVersions.RemoveIfEmptyAsync(db, key, ct);
            }
            await ReopenLaterComparesAsync(db, latest.Where(IsCounted).Where(e => !existing.ContainsKey((e.Type, e.Id))), ct);
            await tx.CommitAsync(ct);
        });
        Changed?.Invoke();
    }

    /// <summary>R1, by the calculator's own definition (<see cref="DeploymentEvent.Counts"/>).</summary>
    private static bool IsCounted(ParsedEvent e) => e.Type == "deployment" && DoraEventJson.Deployment(e.Json).Counts;

    /// <summary>A counted deployment sent without <c>commits</c>: they come from GitHub's compare with the previous one.</summary>
    private static bool NeedsCompare(ParsedEvent e) => IsCounted(e) && e.Json["commits"] is null;

    /// <summary>
    /// A deployment that arrives late becomes the "previous" of deployments already compared against an older one:
    /// their commits must be compared again, or reordering would change the metrics.
    /// </summary>
    private static async Task ReopenLaterComparesAsync(PortalDbContext db, IEnumerable<ParsedEvent> arrived, CancellationToken ct)
    {
        var groups = arrived.GroupBy(e => e.Json["service"]!.GetValue<string>().ToLowerInvariant()).ToList();
        var keys = groups.Select(g => g.Key).ToList();
        // Usually none of the services has compared deployments (senders list commits): one indexed query instead of one per service.
        var comparing = (await db.Set<DoraEventRecord>()
            .Where(r => (r.CommitsState == CommitsStates.Compared || r.CommitsState == CommitsStates.Unresolved) && keys.Contains(r.ServiceKey))
            .Select(r => r.ServiceKey).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var group in groups.Where(g => comparing.Contains(g.Key)))
        {
            var earliestStart = group.Min(e => DoraEventJson.Deployment(e.Json).StartedAt).ToUnixTimeMilliseconds();
            var ids = group.Select(e => e.Id).ToList();
            await db.Set<DoraEventRecord>()
                .Where(r => r.Type == "deployment" && r.ServiceKey == group.Key && r.AtUnixMs > earliestStart
                    && (r.CommitsState == CommitsStates.Compared || r.CommitsState == CommitsStates.Unresolved) && !ids.Contains(r.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.CommitsState, CommitsStates.Pending), ct);
        }
    }

    /// <summary>Every deployment, pull request and incident of these services (lowercase keys), by service key.</summary>
    public async Task<Dictionary<string, DoraInput>> LoadByServiceAsync(IReadOnlyCollection<string> serviceKeys, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Set<DoraEventRecord>().AsNoTracking()
            .Where(e => serviceKeys.Contains(e.ServiceKey) && e.Type != "build")
            .Select(e => new { e.ServiceKey, e.Type, e.Json }).ToListAsync(ct);
        return rows.GroupBy(r => r.ServiceKey).ToDictionary(g => g.Key, g => ToInput(g.Select(r => (r.Type, r.Json))), StringComparer.Ordinal);
    }

    private static DoraInput ToInput(IEnumerable<(string Type, string Json)> rows)
    {
        var deployments = new List<DeploymentEvent>();
        var prs = new List<PullRequestEvent>();
        var incidents = new List<IncidentEvent>();
        foreach (var (type, text) in rows)
        {
            var json = JsonNode.Parse(text)!.AsObject();
            switch (type)
            {
                case "deployment": deployments.Add(DoraEventJson.Deployment(json)); break;
                case "pull_request": prs.Add(DoraEventJson.PullRequest(json)); break;
                case "incident": incidents.Add(DoraEventJson.Incident(json)); break;
            }
        }
        return new DoraInput(deployments, prs, incidents);
    }

    /// <summary>Moves all events of one service to another name (an Admin's mapping); returns how many moved.</summary>
    public async Task<int> RenameServiceAsync(string fromKey, string toService, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var records = await db.Set<DoraEventRecord>().Where(e => e.ServiceKey == fromKey).ToListAsync(ct);
        foreach (var record in records)
        {
            var json = JsonNode.Parse(record.Json)!.AsObject();
            json["service"] = toService;
            record.Json = json.ToJsonString();
            record.Service = toService;
            record.ServiceKey = toService.ToLowerInvariant();
            // The component may name the repository the old service name could not: try its commits again.
            if (record.CommitsState == CommitsStates.Unresolved)
            {
                record.CommitsState = CommitsStates.Pending;
            }
        }
        await db.SaveChangesAsync(ct);
        await DoraServiceVersions.BumpAsync(db, [toService], ct);
        await DoraServiceVersions.RemoveIfEmptyAsync(db, fromKey, ct);
        Changed?.Invoke();
        return records.Count;
    }

    /// <summary>Sets an open incident's resolution time (DevLake's issue close).</summary>
    public async Task<bool> ResolveIncidentAsync(string id, DateTimeOffset resolvedAt, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var record = await db.Set<DoraEventRecord>().FindAsync(["incident", id], ct);
        if (record is null)
        {
            return false;
        }
        var json = JsonNode.Parse(record.Json)!.AsObject();
        json["resolvedAt"] ??= resolvedAt.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        record.Json = json.ToJsonString();
        record.ReceivedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await DoraServiceVersions.BumpAsync(db, [record.Service], ct);
        Changed?.Invoke();
        return true;
    }

    /// <summary>Every service that has events, for filters and the data-quality view.</summary>
    public async Task<IReadOnlyList<string>> ServicesAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // The version table has a row per service with events: no scan of the events.
        return await db.Set<DoraServiceVersion>().AsNoTracking().Select(v => v.Service).OrderBy(s => s).ToListAsync(ct);
    }

    public async Task<int> CountAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<DoraEventRecord>().CountAsync(ct);
    }

    /// <summary>
    /// Stores only events whose type and id are not stored yet, and returns how many: pollers fill gaps and must not
    /// replace a receiver's richer event. Should a receiver store the same event between this check and the write, the
    /// poller's copy of that same sync or build replaces it: same id and builder, at most the commits differ (then resolved
    /// from the revision like any deployment sent without them). Checking inside UpsertAsync's transaction would close that
    /// gap but means reworking UpsertAsync itself.
    /// </summary>
    public async Task<int> InsertMissingAsync(IReadOnlyList<ParsedEvent> events, string source, CancellationToken ct)
    {
        var missing = new List<ParsedEvent>();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            foreach (var byType in events.GroupBy(e => e.Type))
            {
                foreach (var chunk in byType.Select(e => e.Id).Distinct().Chunk(1_000))
                {
                    var stored = (await db.Set<DoraEventRecord>().AsNoTracking().Where(r => r.Type == byType.Key && chunk.Contains(r.Id))
                        .Select(r => r.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
                    missing.AddRange(byType.Where(e => chunk.Contains(e.Id) && !stored.Contains(e.Id)));
                }
            }
        }
        if (missing.Count > 0)
        {
            await UpsertAsync(missing, source, ct);
        }
        return missing.DistinctBy(e => (e.Type, e.Id)).Count();
    }
}

/// <summary>Stored (normalized) event JSON to calculator records.</summary>
public static class DoraEventJson
{
    private static string S(JsonObject e, string f) => e[f]?.GetValue<string>() ?? "";

    private static DateTimeOffset T(JsonObject e, string f) => DateTimeOffset.Parse(S(e, f), System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset? OptionalT(JsonObject e, string f) => e[f] is null ? null : T(e, f);

    public static DeploymentEvent Deployment(JsonObject e) => new(S(e, "id"), S(e, "service"), S(e, "environment"), S(e, "result"),
        T(e, "startedAt"), T(e, "finishedAt"), [.. (e["commits"] as JsonArray ?? []).Select(c => c!.GetValue<string>())]);

    public static PullRequestEvent PullRequest(JsonObject e) => new(S(e, "id"), S(e, "service"), T(e, "createdAt"), OptionalT(e, "mergedAt"),
        e["mergeCommitSha"]?.GetValue<string>(), OptionalT(e, "firstCommitAt"), OptionalT(e, "firstReviewAt"));

    public static IncidentEvent Incident(JsonObject e) => new(S(e, "id"), S(e, "service"), T(e, "createdAt"), OptionalT(e, "resolvedAt"));
}
