using Fawkes.Portal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fawkes.Portal.Operations.Health;

/// <summary>Ready means: the database answers and no migration is pending.</summary>
internal sealed class DatabaseReadyCheck(IDbContextFactory<PortalDbContext> factory, MigrationRunner migrations) : IHealthCheck
{
    /// <summary>
    /// A probe gets its answer within this, also while PostgreSQL is down: the retrying execution strategy would
    /// otherwise back off for seconds (4 s measured) before the check could say "not ready".
    /// </summary>
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Timeout);
        try
        {
            return await CheckAsync(bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The database did not answer within {Timeout.TotalSeconds:0} s.");
        }
    }

    private async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                if (!await db.Database.CanConnectAsync(cancellationToken))
                {
                    return HealthCheckResult.Unhealthy("The database does not accept connections.");
                }
            }
            var pending = await migrations.PendingAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable, migrations applied.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending: run 'Fawkes.Portal migrate'. First: {pending[0]}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Database check failed.", ex);
        }
    }
}
