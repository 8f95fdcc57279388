using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Fawkes.Portal.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Fawkes.Portal.IntegrationTests.Faults;

/// <summary>
/// PostgreSQL stopped and started under a steady write load, on a server of this test's own (stopping the suite's
/// shared server would fail every other test): the app says it is not ready meanwhile, recovers without a restart,
/// and loses no write it acknowledged.
/// </summary>
public sealed class PostgresRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Writers = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private ThrowawayPostgres _postgres = default!;
    private PortalHost _host = default!;

    public async Task InitializeAsync()
    {
        _postgres = await ThrowawayPostgres.StartAsync();
        _host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?>
        {
            ["Portal:Demo:Enabled"] = "false",
            ["Portal:RateLimits:ApiPerMinute"] = "1000000",
        }, _postgres.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task Writes_acknowledged_across_a_database_restart_are_all_kept_and_readiness_follows_the_database()
    {
        var clock = Stopwatch.StartNew();
        var acknowledged = new ConcurrentDictionary<string, int>(StringComparer.Ordinal); // id → writer
        var failures = new ConcurrentQueue<string>();
        var readiness = new ConcurrentQueue<(TimeSpan At, HttpStatusCode? Status, TimeSpan Took)>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteLoopAsync(w, acknowledged, failures, stop.Token))).ToList();
        var probe = Task.Run(() => ProbeReadinessAsync(clock, readiness, stop.Token));
        int AckedBy(int writer) => acknowledged.Values.Count(w => w == writer);

        await Poll.UntilAsync(() => clock.Elapsed >= TimeSpan.FromSeconds(2) && Enumerable.Range(0, Writers).All(w => AckedBy(w) >= 5),
            Patience, "2 s of load and 5 acknowledged writes from each writer before the outage");
        var before = acknowledged.Count;
        var stoppedAt = clock.Elapsed;
        await _postgres.StopAsync();

        await Poll.UntilAsync(() => readiness.Any(r => r.At > stoppedAt && r.Status == HttpStatusCode.ServiceUnavailable), Patience, "/readyz to answer 503 while PostgreSQL is down");
        using (var plain = _host.NewClient())
        {
            // Liveness must not follow the database, or an orchestrator would restart every replica during an outage.
            Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync("/healthz")).StatusCode);
        }
        // Keep the server down a while (not an assertion): the writers keep hitting a dead server meanwhile.
        var down = stoppedAt + TimeSpan.FromSeconds(3) - clock.Elapsed;
        if (down > TimeSpan.Zero)
        {
            await Task.Delay(down);
        }
        var duringOutage = acknowledged.Count;
        var restartedAt = clock.Elapsed;
        await _postgres.StartAgainAsync();

        await Poll.UntilAsync(() => readiness.Any(r => r.At > restartedAt && r.Status == HttpStatusCode.OK), Patience, "/readyz to answer 200 after PostgreSQL is back");
        var recoveredAt = clock.Elapsed;
        var afterRestart = acknowledged.Count;
        await Poll.UntilAsync(() => clock.Elapsed >= recoveredAt + TimeSpan.FromSeconds(2) && acknowledged.Count >= afterRestart + 5 * Writers
                && Enumerable.Range(0, Writers).All(w => AckedBy(w) >= 10),
            Patience, "writes to succeed again after the restart (the app was not restarted)");
        await stop.CancelAsync();
        await Task.WhenAll([.. load, probe]);

        var stored = await StoredIdsAsync();
        var lost = acknowledged.Keys.Where(id => !stored.Contains(id)).Order(StringComparer.Ordinal).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged writes are missing, e.g. {string.Join(", ", lost.Take(5))}");
        // A failed write is the server's or the network's fault (5xx, connection), never blamed on the client (4xx).
        Assert.DoesNotContain(failures, f => f.StartsWith('4'));
        output.WriteLine($"acknowledged {acknowledged.Count} ({before} before the stop, {duringOutage - before} while stopping, "
            + $"{acknowledged.Count - afterRestart} after recovery); failed {failures.Count}: {string.Join(", ", failures.GroupBy(f => f).Select(g => $"{g.Key} ×{g.Count()}"))}");
        output.WriteLine($"stopped at {stoppedAt.TotalSeconds:0.0} s, restarted at {restartedAt.TotalSeconds:0.0} s, ready again at {recoveredAt.TotalSeconds:0.0} s, "
            + $"readyz during the outage: {string.Join(" ", readiness.Where(r => r.At > stoppedAt && r.At <= recoveredAt).Select(r => $"{(int?)r.Status}/{r.Took.TotalSeconds:0.0}s"))}");
    }

    /// <summary>One client posting deployments with ids of its own, one after another, until told to stop.</summary>
    private async Task WriteLoopAsync(int writer, ConcurrentDictionary<string, int> acknowledged, ConcurrentQueue<string> failures, CancellationToken stop)
    {
        using var api = _host.NewClient(bearer: PortalHost.BootstrapToken);
        api.Timeout = TimeSpan.FromSeconds(60);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var id = $"fault-{writer}-{n}";
            using var body = new StringContent($$"""
                {"type":"deployment","id":"{{id}}","service":"svc-fault","environment":"production","result":"success",
                 "startedAt":"2025-03-01T10:00:00Z","finishedAt":"2025-03-01T10:05:00Z","revision":"r-{{id}}","commits":[]}
                """, Encoding.UTF8, "application/json");
            try
            {
                // Not cancelled by 'stop': a write in flight gets its answer, so an acknowledgement is never missed.
                using var response = await api.PostAsync("/api/dora/events", body, CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    acknowledged[id] = writer;
                }
                else
                {
                    failures.Enqueue(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            catch (HttpRequestException ex)
            {
                failures.Enqueue("connection: " + ex.HttpRequestError);
            }
            await Task.Delay(20, CancellationToken.None);
        }
    }

    private async Task ProbeReadinessAsync(Stopwatch clock, ConcurrentQueue<(TimeSpan, HttpStatusCode?, TimeSpan)> readiness, CancellationToken stop)
    {
        using var probe = _host.NewClient();
        probe.Timeout = TimeSpan.FromSeconds(30);
        while (!stop.IsCancellationRequested)
        {
            HttpStatusCode? status;
            var sent = clock.Elapsed;
            try
            {
                using var response = await probe.GetAsync("/readyz", CancellationToken.None);
                status = response.StatusCode;
            }
            catch (HttpRequestException)
            {
                status = null;
            }
            readiness.Enqueue((clock.Elapsed, status, clock.Elapsed - sent));
            await Task.Delay(200, CancellationToken.None);
        }
    }

    private async Task<HashSet<string>> StoredIdsAsync()
    {
        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("""SELECT "Id" FROM dora_events WHERE "Type" = 'deployment' AND "Service" = 'svc-fault'""", connection);
        await using var reader = await select.ExecuteReaderAsync();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
