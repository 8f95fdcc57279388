using System.Net;
using System.Text.Json;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Operations;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Sqlite_default_starts_with_no_database_settings_and_serves_readyz()
    {
        var dataDir = Directory.CreateTempSubdirectory("fawkes-sqlite-").FullName;
        // Only the data folder is set: provider, connection string and migrations are the defaults.
        await using var host = PortalHost.Start(new Dictionary<string, string?> { ["Database:DataDirectory"] = dataDir });
        using var client = host.NewClient();

        var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(dataDir, "fawkes-portal.db")));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Production_postgres_without_migrate_is_live_but_not_ready()
    {
        await using var host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?>
        {
            ["Database:MigrateOnStartup"] = "false",
            ["Portal:Demo:Enabled"] = "false",
        });
        using var client = host.NewClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var ready = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("migration(s) pending", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_endpoint_serves_prometheus_text_anonymously()
    {
        var dataDir = Directory.CreateTempSubdirectory("fawkes-sqlite-").FullName;
        await using var host = PortalHost.Start(new Dictionary<string, string?> { ["Database:DataDirectory"] = dataDir });
        using var client = host.NewClient();
        await client.GetAsync("/healthz");

        var metrics = await client.GetStringAsync("/metrics");

        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
    }
}
