using System.Net;
using System.Text.Json;
using Fawkes.Portal.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Fawkes.Portal.IntegrationTests.Identity;

/// <summary>The whole GitHub OAuth web flow against a GitHub stand-in: challenge, callback, token exchange, roles from teams.</summary>
public sealed class GitHubOAuthTests : IAsyncLifetime
{
    private FakeGitHubOAuth _github = default!;

    public async Task InitializeAsync() => _github = await FakeGitHubOAuth.StartAsync();

    public async Task DisposeAsync() => await _github.DisposeAsync();

    private Task<PortalHost> StartAsync(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Authentication:GitHub:ClientId"] = FakeGitHubOAuth.ClientId,
            ["Authentication:GitHub:ClientSecret"] = FakeGitHubOAuth.ClientSecret,
            ["Authentication:GitHub:WebBaseUrl"] = _github.BaseAddress.ToString(),
            ["Authentication:GitHub:ApiBaseUrl"] = _github.BaseAddress.ToString(),
            ["Portal:Roles:PlatformLead:Teams:0"] = "fawkes/platform",
            ["Portal:Roles:DefaultRole"] = "Learner",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return PortalHost.StartPostgresAsync(settings);
    }

    /// <summary>What a browser does: follow the portal to GitHub, "approve", come back with a code.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string code = "good-code")
    {
        var challenge = await client.GetAsync("/auth/github?returnUrl=/catalog");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal(FakeGitHubOAuth.ClientId, query["client_id"].ToString());
        Assert.Contains("read:org", query["scope"].ToString(), StringComparison.Ordinal);
        var callback = new Uri(query["redirect_uri"].ToString());
        return await client.GetAsync($"{callback.PathAndQuery}?code={code}&state={Uri.EscapeDataString(query["state"].ToString())}");
    }

    [Fact]
    public async Task A_member_of_a_mapped_team_signs_in_with_the_mapped_role()
    {
        await using var host = await StartAsync();
        using var client = host.NewClient(cookies: new CookieContainer());

        var back = await SignInAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.True(back.Headers.Location!.OriginalString == "/catalog", back.Headers.Location!.OriginalString);
        using var me = JsonDocument.Parse(await client.GetStringAsync("/api/me"));
        Assert.Equal("octocat", me.RootElement.GetProperty("login").GetString());
        Assert.Equal("github", me.RootElement.GetProperty("authMethod").GetString());
        Assert.Equal(["PlatformLead", "Developer", "Learner"], me.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Someone_outside_the_allowed_organisations_is_refused()
    {
        _github.Organizations = ["elsewhere"];
        await using var host = await StartAsync(("Authentication:GitHub:AllowedOrganizations:0", "fawkes"));
        using var client = host.NewClient(cookies: new CookieContainer());

        var back = await SignInAsync(client);

        Assert.NotEqual("/catalog", back.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_forged_callback_without_the_correlation_cookie_signs_nobody_in()
    {
        await using var host = await StartAsync();
        using var attacker = host.NewClient(cookies: new CookieContainer());

        var forged = await attacker.GetAsync("/auth/callback/github?code=good-code&state=forged");

        Assert.NotEqual(HttpStatusCode.OK, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.GetAsync("/api/me")).StatusCode);
    }
}
