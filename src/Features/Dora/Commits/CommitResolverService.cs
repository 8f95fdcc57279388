using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dora.Events;

namespace Fawkes.Portal.Features.Dora.Commits;

/// <summary>
/// Runs the <see cref="CommitResolver"/> right after events arrive (and every half minute, for events other replicas
/// stored); one replica at a time. GitHub outages and rate limits back off and retry: pending deployments stay pending.
/// </summary>
internal sealed class CommitResolverService(CommitResolver resolver, DoraEventStore store, ReplicaLock replicaLock, ILogger<CommitResolverService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _signal = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        store.Changed += Wake;
        try
        {
            var backoff = TimeSpan.FromSeconds(5);
            while (!stoppingToken.IsCancellationRequested)
            {
                await _signal.WaitAsync(Idle, stoppingToken);
                try
                {
                    await using var held = await replicaLock.TryAcquireAsync("dora-commits", stoppingToken);
                    while (held is not null && await resolver.ResolvePendingAsync(200, stoppingToken) > 0)
                    {
                    }
                    backoff = TimeSpan.FromSeconds(5);
                }
                catch (Exception ex) when (ex is Octokit.ApiException or HttpRequestException or TimeoutException
                    or TaskCanceledException { CancellationToken.IsCancellationRequested: false })
                {
                    logger.LogWarning(ex, "Resolving deployment commits through GitHub failed; retrying in {Backoff}", backoff);
                    await Task.Delay(backoff, stoppingToken);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromMinutes(10).Ticks));
                    Wake();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Resolving deployment commits failed");
                }
            }
        }
        finally
        {
            store.Changed -= Wake;
        }
    }

    private void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the next round sees every pending deployment.
        }
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }
}
