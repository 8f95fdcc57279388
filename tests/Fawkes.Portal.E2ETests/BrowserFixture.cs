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

    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
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
