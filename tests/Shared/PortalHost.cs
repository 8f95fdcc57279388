using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.Testing;

/// <summary>The real app on a real Kestrel port, configured through settings only (no replaced services).</summary>
public sealed class PortalHost : WebApplicationFactory<Program>
{
    public const string BootstrapToken = "fwk_test_bootstrap_token_for_automation_0001";
    private readonly Dictionary<string, string?> _settings;

    private PortalHost(Dictionary<string, string?> settings) => _settings = settings;

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Starts the portal on PostgreSQL (a fresh database unless one is given).</summary>
    public static async Task<PortalHost> StartPostgresAsync(IDictionary<string, string?>? extra = null, string? connectionString = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Portal"] = connectionString ?? await TestPostgres.CreateDatabaseAsync(),
            ["Database:MigrateOnStartup"] = "true",
            ["Portal:Demo:Enabled"] = "true",
            ["Portal:Api:BootstrapToken"] = BootstrapToken,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return Start(settings);
    }

    public static PortalHost Start(Dictionary<string, string?> settings)
    {
        var host = new PortalHost(settings);
        host.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseAddress = new Uri(address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        return host;
    }

    public string ConnectionString => _settings["ConnectionStrings:Portal"]!;

    /// <summary>A plain HTTP client against the real port; no cookies are kept unless a container is given.</summary>
    public HttpClient NewClient(string? bearer = null, CookieContainer? cookies = null)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies is not null, CookieContainer = cookies ?? new CookieContainer() };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the host does not map wwwroot and package assets from the build output by itself.
        builder.UseStaticWebAssets();
        // UseSetting (unlike ConfigureAppConfiguration) is visible while Program builds its services.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
