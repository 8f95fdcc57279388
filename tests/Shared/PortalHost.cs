using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Fawkes.Portal.Identity;

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

    /// <summary>
    /// Starts the portal with these settings. Tests run in the "Testing" environment (set <see cref="EnvironmentSetting"/> to
    /// change it), where the development sign-in exists only by the explicit flag: it is on unless a test sets it.
    /// With a <c>urls</c> setting Kestrel binds those (as in production) instead of one loopback port.
    /// </summary>
    public static PortalHost Start(Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings = new Dictionary<string, string?>(settings);
        settings.TryAdd(SignInMode.EnabledKey, "true");
        // Test catalogs hold every kind; Backstage's default rules (Component, API, Location) are tested where a test sets its own.
        if (!settings.Keys.Any(k => k.StartsWith("Catalog:Rules", StringComparison.Ordinal)))
        {
            foreach (var (kind, i) in AllKinds.Select((k, i) => (k, i)))
            {
                settings[$"Catalog:Rules:0:Allow:{i}"] = kind;
            }
        }
        var host = new PortalHost(settings);
        if (settings.ContainsKey("urls"))
        {
            host.UseKestrel();
        }
        else
        {
            host.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }
        host.StartServer();
        host.Addresses = [.. host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("127.0.0.1", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal)))];
        host.BaseAddress = host.Addresses[0];
        return host;
    }

    public static readonly string[] AllKinds = ["Component", "API", "System", "Domain", "Resource", "Group", "User", "Location", "Template"];

    /// <summary>The host environment setting (as <c>UseEnvironment</c>), e.g. <c>["environment"] = "Production"</c>.</summary>
    public const string EnvironmentSetting = "environment";

    /// <summary>Every address Kestrel listens on; the first is <see cref="BaseAddress"/>.</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    /// <summary>What the portal logged while it ran.</summary>
    public CapturedLogs Logs { get; } = new();

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

    /// <summary>
    /// Closes this portal's idle pooled connections too: Npgsql keeps them for five minutes after the app is gone, and a
    /// suite of many short-lived portals otherwise runs PostgreSQL out of connection slots.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_settings.GetValueOrDefault("Database:Provider") == "Postgres" && _settings.GetValueOrDefault("ConnectionStrings:Portal") is { } cs)
        {
            using var connection = new Npgsql.NpgsqlConnection(cs);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        // Outside Development the host does not map wwwroot and package assets from the build output by itself.
        builder.UseStaticWebAssets();
        // UseSetting (unlike ConfigureAppConfiguration) is visible while Program builds its services.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
