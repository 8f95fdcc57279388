using System.Net;
using System.Text;
using Fawkes.Portal.Testing;
using Npgsql;

namespace Fawkes.Portal.IntegrationTests.Dora;

/// <summary>Concurrent first sends of one event id on real PostgreSQL: every caller gets its 202, one row remains.</summary>
public sealed class DoraConcurrentWriteTests : IAsyncLifetime
{
    private const int Senders = 20;
    private PortalHost _host = default!;
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        _host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?> { ["Portal:Demo:Enabled"] = "false" });
        _api = _host.NewClient(bearer: PortalHost.BootstrapToken);
        // One open connection per sender, so the sends below leave together instead of queuing behind TCP handshakes.
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => _api.GetAsync("/api/dora/summary?service=none&from=2024-01-01&to=2024-01-02")));
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _host.DisposeAsync();
    }

    private static string Deployment(string id, string service, int minute) => $$"""
        {"type":"deployment","id":"{{id}}","service":"{{service}}","environment":"production","result":"success",
         "startedAt":"2024-08-01T10:00:00Z","finishedAt":"2024-08-01T10:{{minute:D2}}:00Z","revision":"r-{{id}}","commits":[]}
        """;

    /// <summary>Every body is posted at the same instant (released together once all senders are ready).</summary>
    private async Task<HttpStatusCode[]> PostTogetherAsync(IReadOnlyList<string> bodies)
    {
        var ready = new CountdownEvent(bodies.Count);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = bodies.Select(body => Task.Run(async () =>
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            ready.Signal();
            await go.Task;
            return (await _api.PostAsync("/api/dora/events", content)).StatusCode;
        })).ToList();
        await Task.Run(() => ready.Wait(TimeSpan.FromSeconds(30)));
        go.SetResult();
        var statuses = await Task.WhenAll(sends);
        ready.Dispose();
        return statuses;
    }

    private async Task<long> ScalarAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(_host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Concurrent_first_sends_of_one_id_are_all_accepted_and_leave_one_row()
    {
        var statuses = await PostTogetherAsync([.. Enumerable.Range(0, Senders).Select(i => Deployment("race-1", "svc-race", 5 + i))]);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM dora_events WHERE \"Type\" = 'deployment' AND \"Id\" = $1", "race-1"));
        // The service-version bump still ran with the writes: the service is listed and its version counts every write.
        Assert.Equal(Senders, await ScalarAsync("SELECT \"Version\" FROM dora_service_versions WHERE \"ServiceKey\" = $1", "svc-race"));
    }

    [Fact]
    public async Task Concurrent_batches_naming_the_same_ids_in_any_order_are_all_accepted()
    {
        var ids = new[] { "batch-a", "batch-b", "batch-c" };
        var bodies = Enumerable.Range(0, Senders).Select(i =>
            "[" + string.Join(",", (i % 2 == 0 ? ids : ids.Reverse()).Select(id => Deployment(id, $"svc-batch-{i % 3}", i))) + "]").ToList();

        var statuses = await PostTogetherAsync(bodies);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.Equal(3, await ScalarAsync("SELECT count(*) FROM dora_events WHERE \"Id\" LIKE 'batch-%'"));
        // Moved between services by later sends: exactly the services still holding an event keep a version row.
        var holding = await ScalarAsync("SELECT count(DISTINCT \"ServiceKey\") FROM dora_events WHERE \"Id\" LIKE 'batch-%'");
        Assert.Equal(holding, await ScalarAsync("SELECT count(*) FROM dora_service_versions WHERE \"ServiceKey\" LIKE 'svc-batch-%'"));
    }
}
