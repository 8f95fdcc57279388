using Fawkes.Portal.Testing;
using Microsoft.Playwright;

namespace Fawkes.Portal.E2ETests;

/// <summary>The portal on a real Kestrel port with PostgreSQL, and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public PortalHost Host { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;
    public StaticHttpServer Web { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Web = await StaticHttpServer.StartAsync();
        // URL registrations read from the local stand-in for a Git host, so loopback must be allowed here.
        Host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?>
        {
            ["Catalog:AllowedHosts:0"] = "localhost",
            ["Catalog:AllowPrivateNetworks"] = "true",
            // Every test signs in from 127.0.0.1; the limiter itself is covered by the integration tests.
            ["Portal:RateLimits:SignInPerMinute"] = "1000",
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    /// <summary>Demo data (catalog and DORA history) is loaded in the background at start-up; wait until it is there.</summary>
    public async Task WaitForDemoDataAsync()
    {
        using var api = Host.NewClient(bearer: PortalHost.BootstrapToken);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var entity = await api.GetAsync("/api/catalog/entities/by-name/component/default/payments-api");
            var summary = await api.GetStringAsync("/api/dora/summary?service=payments-api");
            if (entity.IsSuccessStatusCode && !summary.Contains("\"deployments\":0,", StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The demo catalog and DORA history did not load within 30 s.");
    }

    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        if (Environment.GetEnvironmentVariable("FAWKES_E2E_CONSOLE") is { Length: > 0 } log)
        {
            page.Console += (_, m) => File.AppendAllText(log, $"{DateTime.UtcNow:HH:mm:ss.fff} {m.Type}: {m.Text}\n");
            page.PageError += (_, e) => File.AppendAllText(log, $"{DateTime.UtcNow:HH:mm:ss.fff} pageerror: {e}\n");
        }
        return page;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
        await Web.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
