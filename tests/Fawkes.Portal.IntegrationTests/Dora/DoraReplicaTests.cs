using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Dora;

/// <summary>Two replicas on one database: metrics read on one include what was just stored through the other.</summary>
public sealed class DoraReplicaTests : IAsyncLifetime
{
    private PortalHost _writer = default!;
    private PortalHost _reader = default!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?> { ["Portal:Demo:Enabled"] = "false" };
        _writer = await PortalHost.StartPostgresAsync(settings);
        _reader = await PortalHost.StartPostgresAsync(settings, _writer.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _writer.DisposeAsync();
    }

    private static StringContent Deployment(string id, string day) => new($$"""
        {"type":"deployment","id":"{{id}}","service":"svc-replica","environment":"production","result":"success",
         "startedAt":"2024-06-{{day}}T10:00:00Z","finishedAt":"2024-06-{{day}}T10:05:00Z","revision":"r-{{id}}","commits":[]}
        """, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Cached_facts_follow_changes_made_by_another_replica_without_waiting()
    {
        using var write = _writer.NewClient(bearer: PortalHost.BootstrapToken);
        using var read = _reader.NewClient(bearer: PortalHost.BootstrapToken);
        async Task<int> DeploymentsAsync() =>
            (await read.GetFromJsonAsync<JsonObject>("/api/dora/summary?service=svc-replica&from=2024-06-01&to=2024-06-30"))!["deployments"]!.GetValue<int>();

        Assert.Equal(HttpStatusCode.Accepted, (await write.PostAsync("/api/dora/events", Deployment("r1", "03"))).StatusCode);
        Assert.Equal(1, await DeploymentsAsync()); // the reader builds and caches the service's facts
        Assert.Equal(HttpStatusCode.Accepted, (await write.PostAsync("/api/dora/events", Deployment("r2", "04"))).StatusCode);
        Assert.Equal(2, await DeploymentsAsync()); // its cache saw the version move
        Assert.Equal(HttpStatusCode.Accepted, (await write.PostAsync("/api/dora/events", Deployment("r2", "05"))).StatusCode);
        var days = (await read.GetFromJsonAsync<JsonObject>("/api/dora/summary?service=svc-replica&from=2024-06-01&to=2024-06-30"))!["deploymentDays"]!.GetValue<int>();
        Assert.Equal(2, days); // a replaced event replaces, also in the other replica's cache
    }
}
