using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dora.Calculation;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Dora.Events;

/// <summary>Stores events (re-sending the same type and id replaces) and loads them as calculator input.</summary>
public sealed class DoraEventStore(IDbContextFactory<PortalDbContext> factory, TimeProvider time, ILogger<DoraEventStore> logger)
{
    /// <summary>Unique violations one write may meet before giving up: each means another writer committed the key first.</summary>
    private const int MaxAttempts = 5;

    /// <summary>Raised after a batch is committed; a listener that fails is logged and never fails the write.</summary>
    public event Action? Changed;

    /// <summary>For writers outside the store (the commit resolver) whose updates change the metrics.</summary>
    public void NotifyChanged() => Notify();

    /// <summary>All or nothing: the batch is committed in one transaction before anyone is told it was accepted.</summary>
    public Task<int> UpsertAsync(IReadOnlyList<ParsedEvent> events, string source, CancellationToken ct) =>
        InTransactionAsync(w => w.UpsertAsync(events, source, ct), ct);

    /// <summary>
    /// Stores only events whose type and id are not stored yet, and returns how many: pollers fill gaps and must not
    /// replace a receiver's richer event. Checked inside the write's transaction, so a receiver's concurrent send wins.
    /// </summary>
    public Task<int> InsertMissingAsync(IReadOnlyList<ParsedEvent> events, string source, CancellationToken ct) =>
        InTransactionAsync(w => w.InsertMissingAsync(events, source, ct), ct);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction (inside the execution strategy) and commits it unless it rolled back.
    /// Concurrent first sends of one key collide on the primary key: PostgreSQL reports the violation once the first writer
    /// committed, so the whole unit runs again and then finds the row (upsert semantics, every caller gets its answer).
    /// SQLite serialises writers (BEGIN IMMEDIATE) and never gets there. <paramref name="work"/> may run more than once.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<DoraEventTransaction, Task<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var probe = await factory.CreateDbContextAsync(ct);
        var strategy = probe.Database.CreateExecutionStrategy();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (result, written) = await strategy.ExecuteAsync(async () =>
                {
                    await using var db = await factory.CreateDbContextAsync(ct);
                    await using var tx = await db.Database.BeginTransactionAsync(ct);
                    var unit = new DoraEventTransaction(db, time);
                    var result = await work(unit);
                    if (unit.RolledBack)
                    {
                        await tx.RollbackAsync(ct);
                        return (result, 0);
                    }
                    await tx.CommitAsync(ct);
                    return (result, unit.Written);
                });
                if (written > 0)
                {
                    Notify();
                }
                return result;
            }
            catch (Exception ex) when (attempt < MaxAttempts && UniqueViolation.Is(ex))
            {
                logger.LogDebug("Another writer stored the same key first (attempt {Attempt}); writing again over its row", attempt);
            }
        }
    }

    /// <summary>After the commit, best effort: the caller's events are stored whatever a listener does.</summary>
    private void Notify()
    {
        foreach (var listener in Changed?.GetInvocationList().Cast<Action>() ?? [])
        {
            try
            {
                listener();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A listener to DORA event changes failed; the events are stored");
            }
        }
    }

    /// <summary>R1, by the calculator's own definition (<see cref="DeploymentEvent.Counts"/>).</summary>
    internal static bool IsCounted(ParsedEvent e) => e.Type == "deployment" && DoraEventJson.Deployment(e.Json).Counts;

    /// <summary>A counted deployment sent without <c>commits</c>: they come from GitHub's compare with the previous one.</summary>
    internal static bool NeedsCompare(ParsedEvent e) => IsCounted(e) && e.Json["commits"] is null;

    /// <summary>
    /// A deployment that arrives late becomes the "previous" of deployments already compared against an older one:
    /// their commits must be compared again, or reordering would change the metrics.
    /// </summary>
    internal static async Task ReopenLaterComparesAsync(PortalDbContext db, IEnumerable<ParsedEvent> arrived, CancellationToken ct)
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
    public Task<int> RenameServiceAsync(string fromKey, string toService, CancellationToken ct) => InTransactionAsync(async unit =>
    {
        var records = await unit.Db.Set<DoraEventRecord>().Where(e => e.ServiceKey == fromKey).ToListAsync(ct);
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
        await unit.Db.SaveChangesAsync(ct);
        await DoraServiceVersions.BumpAsync(unit.Db, [toService], ct);
        await DoraServiceVersions.RemoveIfEmptyAsync(unit.Db, fromKey, ct);
        unit.Changed(records.Count);
        return records.Count;
    }, ct);

    /// <summary>Sets an open incident's resolution time (DevLake's issue close); with <paramref name="source"/>, only if that sender stored it.</summary>
    public Task<bool> ResolveIncidentAsync(string id, string? source, DateTimeOffset resolvedAt, CancellationToken ct) => InTransactionAsync(async unit =>
    {
        var record = await unit.Db.Set<DoraEventRecord>().FindAsync(["incident", id], ct);
        if (record is null || (source is not null && record.Source != source))
        {
            return false;
        }
        var json = JsonNode.Parse(record.Json)!.AsObject();
        json["resolvedAt"] ??= resolvedAt.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        record.Json = json.ToJsonString();
        record.ReceivedAt = time.GetUtcNow();
        await unit.Db.SaveChangesAsync(ct);
        await DoraServiceVersions.BumpAsync(unit.Db, [record.Service], ct);
        unit.Changed(1);
        return true;
    }, ct);

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
}

/// <summary>Stored (normalized) event JSON to calculator records.</summary>
public static class DoraEventJson
{
    private static string S(JsonObject e, string f) => e[f]?.GetValue<string>() ?? "";

    private static DateTimeOffset T(JsonObject e, string f) => DateTimeOffset.Parse(S(e, f), System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset? OptionalT(JsonObject e, string f) => e[f] is null ? null : T(e, f);

    /// <remarks>Rows stored before <see cref="EnvironmentLabel"/> existed may hold ArgoCD's <c>&lt;no value&gt;</c>: production too.</remarks>
    public static DeploymentEvent Deployment(JsonObject e) => new(S(e, "id"), S(e, "service"), EnvironmentLabel.OrProduction(S(e, "environment")), S(e, "result"),
        T(e, "startedAt"), T(e, "finishedAt"), [.. (e["commits"] as JsonArray ?? []).Select(c => c!.GetValue<string>())]);

    public static PullRequestEvent PullRequest(JsonObject e) => new(S(e, "id"), S(e, "service"), T(e, "createdAt"), OptionalT(e, "mergedAt"),
        e["mergeCommitSha"]?.GetValue<string>(), OptionalT(e, "firstCommitAt"), OptionalT(e, "firstReviewAt"));

    public static IncidentEvent Incident(JsonObject e) => new(S(e, "id"), S(e, "service"), T(e, "createdAt"), OptionalT(e, "resolvedAt"));
}
