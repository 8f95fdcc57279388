using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Identity.ApiTokens;
using Fawkes.Portal.Identity.Users;
using Fawkes.Portal.Testing;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Identity;

/// <summary>Roles and blocks are re-checked after sign-in: a session loses what an Admin takes away, at once.</summary>
public sealed class RevalidationTests(RevalidationTests.Fixture fixture) : IClassFixture<RevalidationTests.Fixture>
{
    /// <summary>Its own portal: these tests change demo people's roles.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public PortalHost Host { get; private set; } = default!;

        public async Task InitializeAsync() => Host = await PortalHost.StartPostgresAsync();

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    private UserDirectory Directory => fixture.Host.Services.GetRequiredService<UserDirectory>();

    private async Task<HttpClient> SignedInAsync(string login, string role)
    {
        var client = fixture.Host.NewClient(cookies: new CookieContainer());
        (await HttpSignIn.SignInAsync(client, login, role)).Dispose();
        return client;
    }

    private static async Task<JsonObject?> MeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/me");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
    }

    [Fact]
    public async Task A_lowered_role_ends_the_session_and_applies_at_the_next_sign_in()
    {
        using var lucas = await SignedInAsync("lucas.moreau", "Developer");
        Assert.NotNull(await MeAsync(lucas));

        Assert.True(await Directory.SetRoleAsync("lucas.moreau", "Learner", "test-admin"));

        using (var me = await lucas.GetAsync("/api/me"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        }
        using var again = await SignedInAsync("lucas.moreau", "Developer");
        var roles = (await MeAsync(again))!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.Equal(["Learner"], roles);
        using var refresh = await again.PostAsJsonAsync("/api/catalog/refresh", new { entityRef = "component:default/x" });
        Assert.Equal(HttpStatusCode.Forbidden, refresh.StatusCode);
    }

    [Fact]
    public async Task A_blocked_person_is_signed_out_and_cannot_sign_in_again()
    {
        using var hannah = await SignedInAsync("jonas.weber", "PlatformLead");
        Assert.NotNull(await MeAsync(hannah));

        Assert.True(await Directory.SetBlockedAsync("jonas.weber", true, "test-admin"));

        using (var me = await hannah.GetAsync("/api/me"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        }
        using var client = fixture.Host.NewClient(cookies: new CookieContainer());
        using var signIn = await HttpSignIn.SignInAsync(client, "jonas.weber", "PlatformLead");
        Assert.Contains("error=blocked", signIn.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Null(await MeAsync(client));
    }

    [Fact]
    public async Task A_page_request_after_the_change_is_sent_to_sign_in_saying_why()
    {
        using var mei = await SignedInAsync("mei.chen", "Learner");
        Assert.True(await Directory.SetRoleAsync("mei.chen", "Learner", "test-admin"));

        using var page = await mei.GetAsync("/catalog");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("error=session-ended", page.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_on_its_next_request()
    {
        var tokens = fixture.Host.Services.GetRequiredService<ApiTokenService>();
        var created = await tokens.CreateAsync("short-lived", ["catalog:read"], 1, "test");
        using var client = fixture.Host.NewClient(created.Secret);
        Assert.NotNull(await MeAsync(client));

        await tokens.RevokeAsync(created.Token.Id, "test");

        using var me = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_change_their_own_access() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => Directory.SetBlockedAsync("amara.okafor", true, "amara.okafor"));

    [Fact]
    public void Circuits_use_the_revalidating_provider()
    {
        using var scope = fixture.Host.Services.CreateScope();

        Assert.Equal("RevalidatingPortalAuthState", scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>().GetType().Name);
    }
}
