using Fawkes.Portal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fawkes.Portal.Operations.Health;

/// <summary>Ready means: the database answers and no migration is pending.</summary>
internal sealed class DatabaseReadyCheck(IDbContextFactory<PortalDbContext> factory, MigrationRunner migrations) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
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
