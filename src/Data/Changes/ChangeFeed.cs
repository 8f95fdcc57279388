using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fawkes.Portal.Data.Changes;

/// <summary>
/// The one way replicas learn about each other's changes. A writer publishes inside its transaction: on PostgreSQL a
/// <c>NOTIFY</c>, which PostgreSQL delivers to every listening replica (this one included) only if the transaction
/// commits; on SQLite (one process) the notice is delivered in-process after the commit. Caches, read models, role
/// revalidation and open pages subscribe to <see cref="Received"/>. The polled version rows stay as the fallback for
/// notices missed while the listening connection was down (a <see cref="ChangeNotice.Resync"/> follows a reconnect).
/// </summary>
public sealed class ChangeFeed(ILogger<ChangeFeed> logger)
{
    public const string Channel = "fawkes_changes";

    /// <summary>Raised on a thread-pool thread; handlers must be quick and marshal to their own context (Blazor: InvokeAsync).</summary>
    public event Action<ChangeNotice>? Received;

    /// <summary>This process, as written into its notices' <see cref="ChangeNotice.Origin"/>.</summary>
    public string ReplicaId { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// Whether another replica wrote this (or it is a resync): subscribers that are already told about this replica's own
    /// writes synchronously, before the write returns, use this to skip the echo.
    /// </summary>
    public bool IsFromElsewhere(ChangeNotice notice) => notice?.Origin != ReplicaId;

    /// <summary>False while PostgreSQL's listening connection is down (always true on SQLite).</summary>
    public bool Connected { get; internal set; } = true;

    /// <summary>Publishes a change as part of <paramref name="db"/>'s current transaction (or at once when there is none).</summary>
    public static async Task PublishAsync(PortalDbContext db, string topic, string? key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var core = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>();
        var feed = core?.ApplicationServiceProvider?.GetService<ChangeFeed>();
        var notice = new ChangeNotice(topic, key, feed?.ReplicaId);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {notice.Payload})", ct);
            return;
        }
        var interceptor = feed is null ? null : core?.Interceptors?.OfType<InProcessChangeInterceptor>().FirstOrDefault();
        if (interceptor is not null && db.Database.CurrentTransaction?.GetDbTransaction() is { } transaction)
        {
            interceptor.Enqueue(transaction, notice);
        }
        else
        {
            feed?.Deliver(notice);
        }
    }

    internal void Deliver(ChangeNotice notice)
    {
        foreach (var handler in Received?.GetInvocationList().Cast<Action<ChangeNotice>>() ?? [])
        {
            try
            {
                handler(notice);
            }
            catch (Exception ex)
            {
                // One subscriber's bug must not keep the others from hearing about the change.
                logger.LogError(ex, "A change feed subscriber failed on {Topic}", notice.Topic);
            }
        }
    }
}
