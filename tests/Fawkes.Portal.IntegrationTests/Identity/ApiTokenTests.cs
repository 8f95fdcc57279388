using System.Net;
using System.Text.Json;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.ApiTokens;
using Fawkes.Portal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Identity;

public sealed class ApiTokenTests(PostgresPortalFixture fixture) : IClassFixture<PostgresPortalFixture>
{
    private ApiTokenService Tokens => fixture.Host.Services.GetRequiredService<ApiTokenService>();

    [Fact]
    public async Task A_created_token_authenticates_with_its_scopes_until_revoked()
    {
        var created = await Tokens.CreateAsync("ci-reader", [ApiScopes.CatalogRead], 30, "amara.okafor");
        using var client = fixture.Host.NewClient(bearer: created.Secret);

        var me = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        using (var body = JsonDocument.Parse(await me.Content.ReadAsStringAsync()))
        {
            Assert.Equal("token:ci-reader", body.RootElement.GetProperty("login").GetString());
            Assert.Equal(["catalog:read"], body.RootElement.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        }

        Assert.True(await Tokens.RevokeAsync(created.Token.Id, "amara.okafor"));
        var after = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Only_the_hash_is_stored()
    {
        var created = await Tokens.CreateAsync("hash-check", [ApiScopes.DoraWrite], null, "amara.okafor");
        var stored = (await Tokens.ListAsync()).Single(t => t.Id == created.Token.Id);

        Assert.DoesNotContain(created.Secret, stored.Hash + stored.Prefix + stored.Name, StringComparison.Ordinal);
        Assert.Equal(ApiTokenSecrets.Hash(created.Secret), stored.Hash);
    }

    [Fact]
    public async Task A_token_without_the_admin_scope_gets_403_problem_json_on_admin_api()
    {
        var created = await Tokens.CreateAsync("dora-only", [ApiScopes.DoraWrite], null, "amara.okafor");
        using var client = fixture.Host.NewClient(bearer: created.Secret);

        var response = await client.GetAsync("/api/admin/audit");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_bootstrap_token_from_configuration_is_an_admin_and_sees_the_audit_trail()
    {
        await Tokens.CreateAsync("audited", [ApiScopes.CatalogRead], null, "amara.okafor");
        using var client = fixture.Host.NewClient(bearer: PortalHost.BootstrapToken);

        var response = await client.GetAsync("/api/admin/audit?q=apitoken.create");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(body.RootElement.GetProperty("items").EnumerateArray(), e => e.GetProperty("target").GetString() == "apitoken:audited");
    }

    [Fact]
    public async Task An_unknown_token_is_refused()
    {
        using var client = fixture.Host.NewClient(bearer: ApiTokenSecrets.NewSecret());

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var created = await Tokens.CreateAsync("short-lived", [ApiScopes.CatalogRead], 1, "amara.okafor");
        await using (var db = fixture.Host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Fawkes.Portal.Data.PortalDbContext>>().CreateDbContext())
        {
            var token = await db.Set<ApiToken>().FindAsync(created.Token.Id);
            token!.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }
        using var client = fixture.Host.NewClient(bearer: created.Secret);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }
}
