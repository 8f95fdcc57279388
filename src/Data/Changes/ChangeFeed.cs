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

    /// <summary>False while PostgreSQL's listening connection is down (always true on SQLite).</summary>
    public bool Connected { get; internal set; } = true;

    /// <summary>Publishes a change as part of <paramref name="db"/>'s current transaction (or at once when there is none).</summary>
    public static async Task PublishAsync(PortalDbContext db, string topic, string? key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var notice = new ChangeNotice(topic, key);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {notice.Payload})", ct);
            return;
        }
        var feed = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<ChangeFeed>();
        var interceptor = feed is null ? null : db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?
            .OfType<InProcessChangeInterceptor>().FirstOrDefault();
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
