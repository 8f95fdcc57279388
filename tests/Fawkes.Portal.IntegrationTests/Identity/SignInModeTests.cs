using System.Net;
using Fawkes.Portal.Data;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Users;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fawkes.Portal.IntegrationTests.Identity;

/// <summary>Which sign-in a start offers, by environment and settings (no OAuth client configured in any of these).</summary>
public sealed class SignInModeTests
{
    [Fact]
    public async Task Production_without_OAuth_or_the_flag_has_no_development_sign_in_but_API_tokens_work()
    {
        await using var host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?>
        {
            [PortalHost.EnvironmentSetting] = "Production",
            [SignInMode.EnabledKey] = null,
            // Left to its default, which follows the sign-in: no demo users to pick on a production start.
            ["Portal:Demo:Enabled"] = null,
        });
        using var client = host.NewClient(cookies: new CookieContainer());

        var page = await client.GetStringAsync("/signin");
        Assert.Contains("signin-not-configured", page, StringComparison.Ordinal);
        Assert.Contains("Authentication:GitHub:ClientId", page, StringComparison.Ordinal);
        Assert.Contains("Portal:DevelopmentSignIn:Enabled", page, StringComparison.Ordinal);
        Assert.DoesNotContain("dev-signin-form", page, StringComparison.Ordinal);
        Assert.DoesNotContain("dev-banner", page, StringComparison.Ordinal);

        var devSignIn = await HttpSignIn.SignInAsync(client, "amara.okafor", "Admin");
        Assert.Equal(HttpStatusCode.NotFound, devSignIn.StatusCode);
        Assert.Equal("application/problem+json", devSignIn.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Portal:DevelopmentSignIn:Enabled", await devSignIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);

        using var api = host.NewClient(bearer: PortalHost.BootstrapToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode);

        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Set<PortalUser>().AnyAsync(u => u.IsDemo));
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("No browser sign-in is configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Production_with_the_flag_warns_at_start_and_shows_the_banner_on_every_page()
    {
        await using var host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?>
        {
            [PortalHost.EnvironmentSetting] = "Production",
            [SignInMode.EnabledKey] = "true",
        });
        using var client = host.NewClient(cookies: new CookieContainer());

        var signInPage = await client.GetStringAsync("/signin");
        Assert.Contains("Development sign-in is enabled: anyone can sign in as any user.", signInPage, StringComparison.Ordinal);
        Assert.Contains("dev-signin-form", signInPage, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await HttpSignIn.SignInAsync(client, "amara.okafor", "Admin")).StatusCode);
        foreach (var path in new[] { "/", "/catalog", "/dora", "/admin" })
        {
            var page = await client.GetStringAsync(path);
            Assert.Contains("data-testid=\"dev-banner\"", page, StringComparison.Ordinal);
        }
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning
            && e.Message.StartsWith("Development sign-in is enabled outside Development", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Development_keeps_the_one_command_demo_without_any_flag()
    {
        await using var host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?>
        {
            [PortalHost.EnvironmentSetting] = "Development",
            [SignInMode.EnabledKey] = null,
            ["Portal:Demo:Enabled"] = null,
        });
        using var client = host.NewClient(cookies: new CookieContainer());

        Assert.Contains("dev-signin-form", await client.GetStringAsync("/signin"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await HttpSignIn.SignInAsync(client, "jonas.weber", "Developer")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("sign-in", StringComparison.Ordinal));
    }
}
