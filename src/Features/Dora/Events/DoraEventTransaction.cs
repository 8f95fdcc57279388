using Fawkes.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Dora.Events;

/// <summary>
/// One transaction of event writes (<see cref="DoraEventStore.InTransactionAsync{T}"/>): whatever the caller reads and
/// writes through <see cref="Db"/> (a webhook's delivery id, a branch's first commit) commits or rolls back together with
/// the events stored here, and every service whose events change has its version bumped in the same transaction.
/// </summary>
public sealed class DoraEventTransaction
{
    private readonly TimeProvider _time;

    internal DoraEventTransaction(PortalDbContext db, TimeProvider time) => (Db, _time) = (db, time);

    /// <summary>The transaction's context, for the caller's own rows.</summary>
    public PortalDbContext Db { get; }

    /// <summary>Events written so far; listeners are told after the commit only when some were.</summary>
    internal int Written { get; private set; }

    internal bool RolledBack { get; private set; }

    /// <summary>For the store's own writes outside <see cref="UpsertAsync"/> (a rename, an incident's close).</summary>
    internal void Changed(int events) => Written += events;

    /// <summary>Nothing done in this transaction is kept (the caller found, after reading, that it must refuse the input).</summary>
    public void RollBack() => RolledBack = true;

    /// <summary>Stores the events; re-sending the same type and id replaces. Returns how many (type, id) were written.</summary>
    public Task<int> UpsertAsync(IReadOnlyList<ParsedEvent> events, string source, CancellationToken ct) => WriteAsync(events, source, replace: true, ct);

    /// <summary>Stores only events whose type and id are not stored yet (pollers must not replace a receiver's richer event).</summary>
    public Task<int> InsertMissingAsync(IReadOnlyList<ParsedEvent> events, string source, CancellationToken ct) => WriteAsync(events, source, replace: false, ct);

    /// <summary>
    /// Stores <paramref name="e"/> in place of the row an older release stored under <paramref name="legacyId"/> from the
    /// same sender (<paramref name="source"/>), so a re-sent event is not counted twice after its key changed. The old
    /// row's resolution is kept as for any re-sent incident. Rows of other senders under that id are left alone.
    /// </summary>
    public async Task<int> UpsertReplacingAsync(ParsedEvent e, string legacyId, string source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        var legacy = e.Id == legacyId ? null : await Db.Set<DoraEventRecord>().AsNoTracking()
            .Where(r => r.Type == e.Type && r.Id == legacyId && r.Source == source).Select(r => new { r.Service, r.ServiceKey, r.Json }).FirstOrDefaultAsync(ct);
        // ExecuteDelete, not a tracked remove: a concurrent copy of this send that deleted it first leaves 0 rows, not an error.
        if (legacy is null || await Db.Set<DoraEventRecord>().Where(r => r.Type == e.Type && r.Id == legacyId && r.Source == source).ExecuteDeleteAsync(ct) == 0)
        {
            return await UpsertAsync([e], source, ct);
        }
        KeepResolution(legacy.Json, e);
        var written = await UpsertAsync([e], source, ct);
        await DoraServiceVersions.BumpAsync(Db, [legacy.Service], ct);
        await DoraServiceVersions.RemoveIfEmptyAsync(Db, legacy.ServiceKey, ct);
        return written;
    }

    private async Task<int> WriteAsync(IReadOnlyList<ParsedEvent> events, string source, bool replace, CancellationToken ct)
    {
        // The last occurrence of a (type, id) within one batch wins, as if sent one after the other.
        var latest = events.GroupBy(e => (e.Type, e.Id)).Select(g => g.Last()).ToList();
        // Services an Admin mapped to a catalog component arrive under the component's name from then on.
        var mappings = await Db.Set<Quality.ServiceMapping>().AsNoTracking().ToDictionaryAsync(m => m.FromKey, m => m.Component, ct);
        var existing = await ExistingAsync(latest, ct);
        if (!replace)
        {
            latest = [.. latest.Where(e => !existing.ContainsKey((e.Type, e.Id)))];
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
                Db.Add(record);
            }
            if (record.Json.Length > 0)
            {
                KeepResolution(record.Json, e);
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
            record.ReceivedAt = _time.GetUtcNow();
            record.CommitsState = DoraEventStore.NeedsCompare(e) ? CommitsStates.Pending : null;
        }
        if (latest.Count == 0)
        {
            return 0;
        }
        // A concurrent first send of the same (type, id) makes this insert wait for the other transaction, then fail with a
        // unique violation once it commits: InTransactionAsync runs the whole unit again, which then finds and replaces the row.
        await Db.SaveChangesAsync(ct);
        await DoraServiceVersions.BumpAsync(Db, touched, ct);
        foreach (var key in left)
        {
            await DoraServiceVersions.RemoveIfEmptyAsync(Db, key, ct);
        }
        await DoraEventStore.ReopenLaterComparesAsync(Db, latest.Where(DoraEventStore.IsCounted).Where(e => !existing.ContainsKey((e.Type, e.Id))), ct);
        Changed(latest.Count);
        return latest.Count;
    }

    /// <summary>
    /// An incident once resolved stays resolved: a re-sent or delayed "open" copy of it (an Alertmanager <c>firing</c>
    /// with the same fingerprint and start, a DevLake issue re-sent after its close) arrives out of order and must not
    /// reopen it. A new occurrence has a later start, hence another id, hence is another incident.
    /// </summary>
    private static void KeepResolution(string storedJson, ParsedEvent arriving)
    {
        if (arriving.Type != "incident" || arriving.Json["resolvedAt"] is not null
            || System.Text.Json.Nodes.JsonNode.Parse(storedJson)?["resolvedAt"] is not System.Text.Json.Nodes.JsonValue resolved
            || !DateTimeOffset.TryParse(resolved.ToString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
            || at < arriving.At)
        {
            return;
        }
        arriving.Json["resolvedAt"] = resolved.DeepClone();
    }

    /// <summary>
    /// Stored events with these keys, tracked for update. On PostgreSQL the rows are locked (FOR UPDATE, in key order) and
    /// read as last committed: a concurrent writer that moved one to another service cannot leave that service's version
    /// row behind. SQLite holds one writer at a time and needs no lock.
    /// </summary>
    private async Task<Dictionary<(string, string), DoraEventRecord>> ExistingAsync(IReadOnlyList<ParsedEvent> events, CancellationToken ct)
    {
        var existing = new Dictionary<(string, string), DoraEventRecord>();
        var locking = Db.Database.IsNpgsql();
        // Per type, so the lookup uses the (type, id) primary key.
        foreach (var byType in events.GroupBy(e => e.Type).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var chunk in byType.Select(e => e.Id).Order(StringComparer.Ordinal).Chunk(1_000))
            {
                var type = byType.Key;
                var query = locking
                    ? Db.Set<DoraEventRecord>().FromSql($"SELECT * FROM dora_events WHERE \"Type\" = {type} AND \"Id\" = ANY({chunk}) ORDER BY \"Id\" FOR UPDATE")
                    : Db.Set<DoraEventRecord>().Where(r => r.Type == type && chunk.Contains(r.Id));
                foreach (var found in await query.ToListAsync(ct))
                {
                    existing[(found.Type, found.Id)] = found;
                }
            }
        }
        return existing;
    }
}
