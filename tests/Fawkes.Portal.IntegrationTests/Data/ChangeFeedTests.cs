using System.Collections.Concurrent;
using Fawkes.Portal.Data;
using Fawkes.Portal.Data.Changes;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Data;

/// <summary>The change feed delivers what a transaction published only when it commits, on PostgreSQL and on SQLite.</summary>
public sealed class ChangeFeedTests(PostgresPortalFixture fixture) : IClassFixture<PostgresPortalFixture>
{
    [Fact]
    public Task On_postgres_a_notice_arrives_after_commit_and_never_after_rollback() => CommitAndRollbackAsync(fixture.Host);

    [Fact]
    public async Task On_sqlite_a_notice_arrives_after_commit_and_never_after_rollback()
    {
        var folder = Directory.CreateTempSubdirectory("fawkes-feed-");
        try
        {
            await using var host = PortalHost.Start(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(folder.FullName, "portal.db")}",
                ["Portal:Demo:Enabled"] = "false",
                ["Portal:Api:BootstrapToken"] = PortalHost.BootstrapToken,
            });
            await CommitAndRollbackAsync(host);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task CommitAndRollbackAsync(PortalHost host)
    {
        var feed = host.Services.GetRequiredService<ChangeFeed>();
        var factory = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var seen = new ConcurrentQueue<ChangeNotice>();
        void OnNotice(ChangeNotice n)
        {
            if (n.Topic == "test")
            {
                seen.Enqueue(n);
            }
        }
        feed.Received += OnNotice;
        try
        {
            await using (var db = await factory.CreateDbContextAsync())
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                await ChangeFeed.PublishAsync(db, "test", "rolled-back", CancellationToken.None);
                await tx.RollbackAsync();
            }
            await using (var db = await factory.CreateDbContextAsync())
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                await ChangeFeed.PublishAsync(db, "test", "committed", CancellationToken.None);
                await Task.Delay(300);
                Assert.Empty(seen); // not before the commit
                await tx.CommitAsync();
            }
            await Poll.UntilAsync(() => !seen.IsEmpty, TimeSpan.FromSeconds(2), "the committed notice");
            await Task.Delay(300);
            Assert.Equal(["committed"], seen.Select(n => n.Key));
        }
        finally
        {
            feed.Received -= OnNotice;
        }
    }
}
