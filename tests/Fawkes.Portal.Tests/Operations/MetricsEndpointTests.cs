using Fawkes.Portal.Operations;
using Microsoft.Extensions.Configuration;

namespace Fawkes.Portal.Tests.Operations;

public sealed class MetricsEndpointTests
{
    [Theory]
    [InlineData(null, null, null, "http://localhost:5000")]
    [InlineData(null, "8080", null, "http://*:8080")]
    [InlineData(null, "8080;8081", "8443", "http://*:8080 http://*:8081 https://*:8443")]
    [InlineData("http://127.0.0.1:5080", "8080", null, "http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080; https://localhost:5081", null, null, "http://localhost:5080 https://localhost:5081")]
    public void The_metrics_port_is_added_to_what_Kestrel_would_bind_anyway(string? urls, string? httpPorts, string? httpsPorts, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = urls,
            ["http_ports"] = httpPorts,
            ["https_ports"] = httpsPorts,
        }).Build();

        Assert.Equal(expected, string.Join(' ', MetricsEndpoint.ListeningUrls(configuration)));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("9090", 9090)]
    public void Port_reads_the_setting(string? value, int? expected) =>
        Assert.Equal(expected, MetricsEndpoint.Port(Config(value)));

    [Theory]
    [InlineData("metrics")]
    [InlineData("0")]
    [InlineData("70000")]
    public void A_port_that_is_not_a_port_stops_the_start_naming_the_setting(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => MetricsEndpoint.Port(Config(value)));
        Assert.Contains($"Portal:Metrics:Port must be a TCP port number (1-65535); got '{value}'", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(string? port) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [MetricsEndpoint.PortKey] = port }).Build();
}
