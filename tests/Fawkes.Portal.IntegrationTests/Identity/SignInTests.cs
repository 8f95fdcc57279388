using System.Net;
using System.Text.Json;
using Fawkes.Portal.Data;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Identity;

public sealed class SignInTests
{
    [Fact]
    public async Task Development_sign_in_session_survives_a_restart_because_keys_live_in_the_database()
    {
        var cs = await TestPostgres.CreateDatabaseAsync();
        var cookies = new CookieContainer();
        await using (var first = await PortalHost.StartPostgresAsync(connectionString: cs))
        {
            using var client = first.NewClient(cookies: cookies);
            var signIn = await HttpSignIn.SignInAsync(client, "jonas.weber", "PlatformLead");
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            await using var db = await first.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        }

        await using var second = await PortalHost.StartPostgresAsync(connectionString: cs);
        // Same cookie jar (cookies are per host, not per port), new app instance: the session must still be valid.
        using var again = second.NewClient(cookies: cookies);
        var me = await again.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        using var body = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
        Assert.Equal("jonas.weber", body.RootElement.GetProperty("login").GetString());
        Assert.Contains("PlatformLead", body.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain("Admin", body.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Development_sign_in_refuses_a_user_that_is_not_a_demo_user()
    {
        await using var host = await PortalHost.StartPostgresAsync();
        using var client = host.NewClient(cookies: new CookieContainer());

        var response = await HttpSignIn.SignInAsync(client, "mallory", "Admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin?error=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Development_sign_in_does_not_exist_when_github_oauth_is_configured()
    {
        await using var host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?>
        {
            ["Authentication:GitHub:ClientId"] = "Iv1.test-client",
            ["Authentication:GitHub:ClientSecret"] = "test-secret-from-config",
        });
        using var client = host.NewClient(cookies: new CookieContainer());

        var page = await client.GetStringAsync("/signin");
        Assert.Contains("Sign in with GitHub", page, StringComparison.Ordinal);
        Assert.DoesNotContain("dev-signin-form", page, StringComparison.Ordinal);

        var challenge = await client.GetAsync("/auth/github?returnUrl=/dora");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith("https://github.com/login/oauth/authorize?client_id=Iv1.test-client", challenge.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var devSignIn = await HttpSignIn.SignInAsync(client, "amara.okafor", "Admin");
        Assert.Equal(HttpStatusCode.NotFound, devSignIn.StatusCode);
    }

    [Fact]
    public async Task Sign_in_is_rate_limited_with_429_problem_json()
    {
        await using var host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?> { ["Portal:RateLimits:SignInPerMinute"] = "3" });
        using var client = host.NewClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.GetAsync("/signin")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var limited = await client.GetAsync("/auth/github");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task Api_is_rate_limited_per_token()
    {
        await using var host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?> { ["Portal:RateLimits:ApiPerMinute"] = "4" });
        using var client = host.NewClient(bearer: PortalHost.BootstrapToken);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await client.GetAsync("/api/me")).StatusCode);
        }

        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
