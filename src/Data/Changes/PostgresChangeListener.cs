using Npgsql;

namespace Fawkes.Portal.Data.Changes;

/// <summary>
/// Holds one connection per replica that LISTENs on <see cref="ChangeFeed.Channel"/> and hands every notice to the feed.
/// When the connection drops (database restart, failover) it reconnects with a growing delay and then sends a local
/// <see cref="ChangeNotice.Resync"/>, because notices sent meanwhile are lost; subscribers re-read their version rows.
/// </summary>
internal sealed class PostgresChangeListener : BackgroundService
{
    private readonly string connectionString;
    private readonly ChangeFeed feed;
    private readonly ILogger<PostgresChangeListener> logger;

    public PostgresChangeListener(string connectionString, ChangeFeed feed, ILogger<PostgresChangeListener> logger)
    {
        (this.connectionString, this.feed, this.logger) = (connectionString, feed, logger);
        // Until LISTEN has succeeded nothing is heard: caches must not trust what they hold.
        feed.Connected = false;
    }

    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => feed.Deliver(ChangeNotice.Parse(e.Payload));
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeFeed.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                feed.Connected = true;
                delay = TimeSpan.FromMilliseconds(250);
                // Whatever was cached before LISTEN (at start, or while disconnected) may have missed notices.
                logger.LogInformation("Change feed listening; resynchronising caches");
                feed.Deliver(new ChangeNotice(ChangeNotice.Resync, null));
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Whatever went wrong, the feed retries: the version rows cover the gap, and the portal must not stop.
                feed.Connected = false;
                logger.LogWarning("Change feed connection lost ({Reason}); retrying in {Delay} ms", ex.Message, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
            }
        }
    }
}
