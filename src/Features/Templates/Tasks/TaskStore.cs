using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>
/// Tasks and their events in the database, one context per call. Every state change is a conditional UPDATE on the
/// status it expects (and on the replica that holds the lease), so two replicas can never both claim, complete or
/// decide the same task: the second sees 0 rows changed.
/// </summary>
public sealed class TaskStore(IDbContextFactory<PortalDbContext> factory, TaskEventHub hub, TimeProvider time)
{
    public async Task AddAsync(ScaffolderTask task, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Set<ScaffolderTask>().Add(task);
        await db.SaveChangesAsync(ct);
    }

    public async Task<ScaffolderTask?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<ScaffolderTask>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
    }

    /// <summary>Writes an event and tells this process's listeners. Events are written even for a finished task, as Backstage
    /// does for a second cancel.</summary>
    public async Task<TaskEventView> AppendAsync(Guid taskId, string type, JsonObject body, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = new ScaffolderTaskEvent { TaskId = taskId, Type = type, BodyJson = body.ToJsonString(), CreatedAt = time.GetUtcNow() };
        db.Set<ScaffolderTaskEvent>().Add(row);
        await db.SaveChangesAsync(ct);
        var view = TaskEventView.From(row);
        hub.Publish(view);
        return view;
    }

    /// <summary>Events after <paramref name="after"/>, and the completion event always (Backstage's <c>id &gt; after OR completion</c>).</summary>
    public async Task<IReadOnlyList<TaskEventView>> EventsAsync(Guid taskId, long? after, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Set<ScaffolderTaskEvent>().AsNoTracking().Where(e => e.TaskId == taskId);
        if (after is { } a)
        {
            query = query.Where(e => e.Id > a || e.Type == TaskEventType.Completion);
        }
        var rows = await query.OrderBy(e => e.Id).ToListAsync(ct);
        return rows.Select(TaskEventView.From).ToList();
    }

    /// <summary>Open tasks this replica may claim: unpinned, or pinned to it (they hold its in-memory secrets). Oldest first.</summary>
    public async Task<IReadOnlyList<Guid>> ClaimableAsync(string replica, int take, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<ScaffolderTask>().AsNoTracking()
            .Where(t => t.Status == ScaffolderTaskStatus.Open && (t.ClaimedBy == null || t.ClaimedBy == replica))
            .OrderBy(t => t.CreatedAt).Select(t => t.Id).Take(take).ToListAsync(ct);
    }

    /// <summary>open → processing for this replica, if nobody was faster.</summary>
    public async Task<bool> TryClaimAsync(Guid id, string replica, TimeSpan lease, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var changed = await db.Set<ScaffolderTask>()
            .Where(t => t.Id == id && t.Status == ScaffolderTaskStatus.Open && (t.ClaimedBy == null || t.ClaimedBy == replica))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, ScaffolderTaskStatus.Processing).SetProperty(t => t.ClaimedBy, replica)
                .SetProperty(t => t.LeaseUntil, now + lease).SetProperty(t => t.LastHeartbeatAt, now), ct);
        return changed == 1;
    }

    /// <summary>Renews this replica's leases: the heartbeat of its running tasks, and the hold on open tasks pinned to it.</summary>
    public async Task<int> RenewLeasesAsync(string replica, TimeSpan lease, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var running = await db.Set<ScaffolderTask>().Where(t => t.ClaimedBy == replica && t.Status == ScaffolderTaskStatus.Processing)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseUntil, now + lease).SetProperty(t => t.LastHeartbeatAt, now), ct);
        var pinned = await db.Set<ScaffolderTask>().Where(t => t.ClaimedBy == replica && t.Status == ScaffolderTaskStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseUntil, now + lease), ct);
        return running + pinned;
    }

    /// <summary>Ids among <paramref name="running"/> that got a <c>cancelled</c> event (possibly from another replica).</summary>
    public async Task<IReadOnlyList<Guid>> CancelledAsync(IReadOnlyCollection<Guid> running, CancellationToken ct)
    {
        if (running.Count == 0)
        {
            return [];
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<ScaffolderTaskEvent>().AsNoTracking()
            .Where(e => running.Contains(e.TaskId) && e.Type == TaskEventType.Cancelled).Select(e => e.TaskId).Distinct().ToListAsync(ct);
    }

    /// <summary>Moves a task from one status to another (completion, the approval decisions, a cancel before it started, a
    /// failed recovery). Only when it is still in <paramref name="from"/> — and, when given, held by <paramref name="replica"/>.
    /// The new status, the fields <paramref name="change"/> sets and <paramref name="events"/> (the completion event) commit
    /// in one transaction, as Backstage's <c>completeTask</c> does: a client that sees <c>completed</c> or <c>failed</c>
    /// always finds the completion event too.</summary>
    /// <param name="leaseExpiredBefore">When given, only if the task's lease ran out before then (recovery of a dead replica's task).</param>
    public async Task<bool> TransitionAsync(Guid id, string from, string to, string? replica, DateTimeOffset? leaseExpiredBefore,
        Action<ScaffolderTask> change, IReadOnlyList<(string Type, JsonObject Body)> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(events);
        await using var probe = await factory.CreateDbContextAsync(ct);
        var written = await probe.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var task = await db.Set<ScaffolderTask>().FirstOrDefaultAsync(t => t.Id == id, ct);
            if (task is null || task.Status != from || (replica is not null && task.ClaimedBy != replica))
            {
                return null;
            }
            // The conditional UPDATE is what two replicas race on: the loser sees 0 rows and rolls back.
            var changed = await db.Set<ScaffolderTask>()
                .Where(t => t.Id == id && t.Status == from && (replica == null || t.ClaimedBy == replica)
                    && (leaseExpiredBefore == null || t.LeaseUntil < leaseExpiredBefore))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, to), ct);
            if (changed != 1)
            {
                return null;
            }
            change(task);
            task.Status = to;
            var now = time.GetUtcNow();
            var rows = events.Select(e => new ScaffolderTaskEvent { TaskId = id, Type = e.Type, BodyJson = e.Body.ToJsonString(), CreatedAt = now }).ToList();
            db.Set<ScaffolderTaskEvent>().AddRange(rows);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return rows;
        });
        if (written is null)
        {
            return false;
        }
        foreach (var row in written)
        {
            hub.Publish(TaskEventView.From(row));
        }
        return true;
    }

    public async Task SaveTimingsAsync(Guid id, JsonObject timings, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var json = timings.ToJsonString();
        await db.Set<ScaffolderTask>().Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.StepTimingsJson, json), ct);
    }

    /// <summary>Processing tasks whose lease ran out (their replica died) and open tasks pinned to a replica that stopped
    /// renewing them.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Status)>> AbandonedAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var rows = await db.Set<ScaffolderTask>().AsNoTracking()
            .Where(t => (t.Status == ScaffolderTaskStatus.Processing || (t.Status == ScaffolderTaskStatus.Open && t.ClaimedBy != null)) && t.LeaseUntil < now)
            .Select(t => new { t.Id, t.Status }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Status)).ToList();
    }
}
