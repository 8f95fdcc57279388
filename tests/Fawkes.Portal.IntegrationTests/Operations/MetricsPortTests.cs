using System.Net;
using System.Net.Sockets;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Operations;

public sealed class MetricsPortTests
{
    [Fact]
    public async Task With_a_metrics_port_metrics_are_served_only_there_and_the_main_port_still_listens()
    {
        var metricsPort = FreePort();
        // As in the container: the main address comes from the usual URL settings, the app adds the metrics port to them.
        await using var host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Portal:Metrics:Port"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var main = host.Addresses.Single(a => a.Port != metricsPort);
        using var mainClient = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = main };
        using var metricsClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };

        Assert.Equal(HttpStatusCode.OK, (await mainClient.GetAsync("/healthz")).StatusCode);
        var metrics = await metricsClient.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("http_server_request_duration_seconds", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await mainClient.GetAsync("/metrics")).StatusCode);
        // A Host header naming the metrics port (as a client could send through an ingress) does not open it either.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Host = $"localhost:{metricsPort}" } };
        Assert.Equal(HttpStatusCode.NotFound, (await mainClient.SendAsync(spoofed)).StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
