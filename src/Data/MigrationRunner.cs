using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Data;

/// <summary>Applies and inspects migrations; used at start-up, by <c>migrate</c> and by <c>/readyz</c>.</summary>
public sealed class MigrationRunner(IDbContextFactory<PortalDbContext> factory, ILogger<MigrationRunner> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        logger.LogInformation("Applying {Count} pending migration(s) on {Provider}", pending.Count, db.Database.ProviderName);
        await db.Database.MigrateAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
    }

    public static bool ShouldMigrateOnStartup(DatabaseOptions options, IHostEnvironment environment) =>
        options.MigrateOnStartup ?? (options.Provider == DatabaseProvider.Sqlite || environment.IsDevelopment());
}

public static class MigrationStartup
{
    /// <summary>SQLite and Development migrate at start; production PostgreSQL uses the <c>migrate</c> command.</summary>
    public static async Task ApplyStartupMigrationsAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (MigrationRunner.ShouldMigrateOnStartup(options, app.Environment))
        {
            await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync();
        }
    }
}
