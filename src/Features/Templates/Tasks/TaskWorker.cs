using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>
/// This replica's task worker: claims open tasks with a lease in the database (<see cref="TaskStore.TryClaimAsync"/>, so
/// two replicas never run one task), runs up to <c>Templates:Tasks:Concurrency</c> at once, renews its leases with a
/// heartbeat, notices cancels made on other replicas, and fails the tasks a dead replica left behind
/// (<see cref="TaskRecovery"/>) at start-up and then once per lease period.
/// </summary>
public sealed class TaskWorker(TaskStore store, TaskExecution execution, TaskRecovery recovery, TaskEventHub hub, IOptions<TaskOptions> options,
    ILogger<TaskWorker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, (CancellationTokenSource Cancel, Task Run)> _running = new();
    private readonly SemaphoreSlim _wake = new(0);
    private TaskOptions Settings => options.Value;

    public string ReplicaId => Settings.ReplicaId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        hub.TaskOpened += Wake;
        try
        {
            try
            {
                await recovery.RecoverAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database not migrated yet (Database:MigrateOnStartup=false) or down must not stop the portal: the
                // heartbeat recovers again every lease period, and claiming retries on its own.
                logger.LogError(e, "Recovering abandoned scaffolder tasks failed; retrying at the next lease period");
            }
            var heartbeat = HeartbeatLoopAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await ClaimAsync(stoppingToken);
                await _wake.WaitAsync(TimeSpan.FromSeconds(Settings.PollSeconds), stoppingToken);
            }
            await heartbeat;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the running tasks finish (failed, with the reason) below.
        }
        finally
        {
            hub.TaskOpened -= Wake;
            await Task.WhenAll(_running.Values.Select(r => r.Run));
        }
    }

    private void Wake() => _wake.Release();

    /// <summary>Claims open tasks while there is room; each one claimed here runs in the background.</summary>
    private async Task ClaimAsync(CancellationToken stopping)
    {
        var free = Settings.Concurrency - _running.Count;
        if (free <= 0)
        {
            return;
        }
        try
        {
            foreach (var id in await store.ClaimableAsync(ReplicaId, free * 2, stopping))
            {
                if (_running.Count >= Settings.Concurrency)
                {
                    break;
                }
                if (!await store.TryClaimAsync(id, ReplicaId, TimeSpan.FromSeconds(Settings.LeaseSeconds), stopping))
                {
                    continue; // Another replica was faster.
                }
                var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                // Registered before it starts, so its own clean-up cannot run before the registration.
                var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _running[id] = (cancel, RunAsync(id, cancel, start.Task, stopping));
                start.SetResult();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Claiming open scaffolder tasks failed; trying again in {Seconds} s", Settings.PollSeconds);
        }
    }

    private async Task RunAsync(Guid id, CancellationTokenSource cancel, Task started, CancellationToken stopping)
    {
        await started;
        try
        {
            await execution.RunAsync(id, ReplicaId, cancel, stopping);
        }
        finally
        {
            _running.TryRemove(id, out _);
            cancel.Dispose();
            Wake();
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken stopping)
    {
        var interval = TimeSpan.FromSeconds(Settings.HeartbeatSeconds);
        var lastRecovery = DateTime.UtcNow;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, stopping);
                await store.RenewLeasesAsync(ReplicaId, TimeSpan.FromSeconds(Settings.LeaseSeconds), stopping);
                foreach (var id in await store.CancelledAsync(_running.Keys.ToList(), stopping))
                {
                    if (_running.TryGetValue(id, out var run))
                    {
                        await run.Cancel.CancelAsync();
                    }
                }
                if (DateTime.UtcNow - lastRecovery > TimeSpan.FromSeconds(Settings.LeaseSeconds))
                {
                    lastRecovery = DateTime.UtcNow;
                    await recovery.RecoverAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The scaffolder task heartbeat failed; leases are renewed at the next beat");
            }
        }
    }
}
