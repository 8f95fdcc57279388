using Fawkes.Portal.Data;
using Fawkes.Portal.Identity.ApiTokens;
using Fawkes.Portal.Identity.Users;
using Fawkes.Portal.Operations.Audit;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Fawkes.Portal.IntegrationTests.Data;

public sealed class PostgresMigrationTests
{
    private static PostgresPortalDbContext NewContext(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql(connectionString).Options);

    [Fact]
    public async Task Migrations_apply_to_a_real_server_and_data_round_trips()
    {
        var cs = await TestPostgres.CreateDatabaseAsync();
        await using (var db = NewContext(cs))
        {
            Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());

            var at = new DateTimeOffset(2026, 11, 26, 8, 30, 0, TimeSpan.Zero);
            db.Add(new PortalUser { Login = "octocat", DisplayName = "Mona Octocat", Email = "mona@example.com", Theme = "dark", LastSignInAt = at });
            db.Add(new AuditEntry { At = at, Actor = "octocat", Action = "user.signin", Target = "user:octocat", Detail = "method=github" });
            db.Add(new ApiToken { Id = Guid.NewGuid(), Name = "ci", Prefix = "fwk_abc", Hash = new string('a', 64), Scopes = "catalog:read dora:write", CreatedBy = "octocat", CreatedAt = at });
            await db.SaveChangesAsync();
        }

        await using (var db = NewContext(cs))
        {
            var user = await db.Set<PortalUser>().SingleAsync(u => u.Login == "octocat");
            Assert.Equal(("Mona Octocat", "dark"), (user.DisplayName, user.Theme));
            Assert.Equal(new DateTimeOffset(2026, 11, 26, 8, 30, 0, TimeSpan.Zero), user.LastSignInAt);
            var entry = await db.Set<AuditEntry>().SingleAsync();
            Assert.Equal("user:octocat", entry.Target);
            var token = await db.Set<ApiToken>().SingleAsync();
            Assert.Equal(["catalog:read", "dora:write"], token.ScopeList);
        }

        // The unique index on the token hash is real in the database, not only in the model.
        await using (var db = NewContext(cs))
        {
            db.Add(new ApiToken { Id = Guid.NewGuid(), Name = "dup", Prefix = "fwk_x", Hash = new string('a', 64), Scopes = "admin", CreatedBy = "x", CreatedAt = DateTimeOffset.UtcNow });
            var ex = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(ex.InnerException).SqlState);
        }
    }

    [Fact]
    public async Task Migrate_command_applies_migrations_with_the_apps_configuration()
    {
        var cs = await TestPostgres.CreateDatabaseAsync();

        var exit = await MigrateCommand.RunAsync(["--Database:Provider=Postgres", $"--ConnectionStrings:Portal={cs}", "--environment=Production"]);

        Assert.Equal(0, exit);
        await using var db = NewContext(cs);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Contains(await db.Database.GetAppliedMigrationsAsync(), m => m.EndsWith("_Initial", StringComparison.Ordinal));
    }
}
