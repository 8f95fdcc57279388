using Fawkes.Portal.Data;
using Fawkes.Portal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Data;

public sealed class ReplicaLockTests
{
    [Fact]
    public async Task Only_one_replica_holds_a_job_lock_until_it_is_released()
    {
        var cs = await TestPostgres.CreateDatabaseAsync();
        await using var first = await PortalHost.StartPostgresAsync(connectionString: cs);
        await using var second = await PortalHost.StartPostgresAsync(connectionString: cs);
        var lockA = first.Services.GetRequiredService<ReplicaLock>();
        var lockB = second.Services.GetRequiredService<ReplicaLock>();

        var held = await lockA.TryAcquireAsync("test-job", CancellationToken.None);
        Assert.NotNull(held);
        Assert.Null(await lockB.TryAcquireAsync("test-job", CancellationToken.None));
        await using (var other = await lockB.TryAcquireAsync("another-job", CancellationToken.None))
        {
            Assert.NotNull(other);
        }

        await held!.DisposeAsync();
        await using var afterRelease = await lockB.TryAcquireAsync("test-job", CancellationToken.None);
        Assert.NotNull(afterRelease);
    }
}
