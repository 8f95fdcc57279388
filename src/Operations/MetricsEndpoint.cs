namespace Fawkes.Portal.Operations;

/// <summary>
/// <c>/metrics</c> for Prometheus. With <c>Portal:Metrics:Port</c> set, Kestrel also listens on that port and the scrape
/// endpoint answers only there (404 on the public port); unset (<c>dotnet run</c>), it is served on the main port.
/// </summary>
public static class MetricsEndpoint
{
    public const string PortKey = "Portal:Metrics:Port";
    public const string Path = "/metrics";

    /// <summary>The configured management port, or null. A value that is not a port stops the start with the setting's name.</summary>
    public static int? Port(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[PortKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new InvalidOperationException($"{PortKey} must be a TCP port number (1-65535); got '{value}'.");
    }

    /// <summary>Adds the metrics port to the addresses Kestrel already listens on (URLS, else HTTP(S)_PORTS, else its default).</summary>
    public static WebApplicationBuilder ListenOnMetricsPort(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (Port(builder.Configuration) is int port)
        {
            builder.WebHost.UseUrls([.. ListeningUrls(builder.Configuration), $"http://*:{port}"]);
            // Now part of the URLs above; left set, Kestrel would warn at every start that URLS overrides them.
            builder.WebHost.UseSetting("http_ports", "").UseSetting("https_ports", "");
        }
        return builder;
    }

    /// <summary>
    /// What Kestrel would bind without us, in its own order of precedence: <c>urls</c> (ASPNETCORE_URLS, --urls), then
    /// <c>http_ports</c>/<c>https_ports</c> (ASPNETCORE_HTTP_PORTS, the container images' 8080), then http://localhost:5000.
    /// </summary>
    internal static IReadOnlyList<string> ListeningUrls(IConfiguration configuration)
    {
        static string[] Split(string? value) => (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var urls = Split(configuration["urls"]);
        if (urls.Length > 0)
        {
            return urls;
        }
        string[] ports = [.. Split(configuration["http_ports"]).Select(p => $"http://*:{p}"), .. Split(configuration["https_ports"]).Select(p => $"https://*:{p}")];
        return ports.Length > 0 ? ports : ["http://localhost:5000"];
    }

    public static IEndpointConventionBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (Port(app.ServiceProvider.GetRequiredService<IConfiguration>()) is not int port)
        {
            return app.MapPrometheusScrapingEndpoint(Path);
        }
        // Checked on the port the connection actually arrived on, not with RequireHost: that routes by the Host header, which
        // a client can spoof ("Host: portal:9090" through the ingress), and an unmatched route would send anonymous callers
        // to the sign-in page instead of answering 404.
        return app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use((context, next) =>
        {
            if (context.Connection.LocalPort == port)
            {
                return next(context);
            }
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }), optionsName: null);
    }
}
