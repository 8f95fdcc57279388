using Fawkes.Portal.Data;

namespace Fawkes.Portal.Features.Dora.Pollers;

/// <summary>What one round did: events added, and one message per app or job that failed.</summary>
public sealed record PollRound(int Added, IReadOnlyList<string> Errors);

/// <summary>
/// The loop both pollers share: a first round right after start-up, then one per interval, under a replica lock so
/// that with several replicas one of them polls. A failing round is recorded and logged; the loop goes on.
/// </summary>
internal abstract class DoraPoller(ReplicaLock replicaLock, PollerStatusBoard board, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>Shown on the status board and part of the lock name.</summary>
    protected abstract string Name { get; }

    protected abstract bool Enabled { get; }

    protected abstract int PollSeconds { get; }

    protected abstract Task<PollRound> PollOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            logger.LogInformation("DORA {Poller} poller is off: its BaseUrl is not configured", Name);
            return;
        }
        // Tests poll every second; nothing asks more often than that of the upstream server.
        var interval = TimeSpan.FromSeconds(Math.Max(1, PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            await RoundAsync(stoppingToken);
            await Task.Delay(interval, time, stoppingToken);
        }
    }

    private async Task RoundAsync(CancellationToken ct)
    {
        try
        {
            await using var held = await replicaLock.TryAcquireAsync($"dora-{Name}-poll", ct);
            if (held is null)
            {
                return;
            }
            var round = await PollOnceAsync(ct);
            board.Record(Name, time.GetUtcNow(), round.Added, round.Errors);
            if (round.Added > 0)
            {
                logger.LogInformation("DORA {Poller} poller added {Count} events", Name, round.Added);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The catalog or the database failed (each app's own failures are caught inside the round).
            logger.LogError(ex, "DORA {Poller} poll round failed", Name);
            board.Record(Name, time.GetUtcNow(), 0, [$"round failed: {ex.Message}"]);
        }
    }

    /// <summary>Upstream trouble of one app or job that must not stop the others: HTTP errors, timeouts, malformed answers.</summary>
    protected static bool IsUpstreamFailure(Exception ex, CancellationToken ct) =>
        ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested);

    protected static string Describe(Exception ex, int timeoutSeconds) =>
        ex is OperationCanceledException ? $"no answer within {timeoutSeconds} s (timeout)" : ex.Message;
}
