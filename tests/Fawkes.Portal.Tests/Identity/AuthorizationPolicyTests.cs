using System.Security.Claims;
using Fawkes.Portal.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.Tests.Identity;

/// <summary>The real policies through the framework's authorization service.</summary>
public sealed class AuthorizationPolicyTests
{
    private static readonly IAuthorizationService Authorization = BuildService();

    private static IAuthorizationService BuildService()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAuthorization(Policies.Register);
        services.AddSingleton<IAuthorizationHandler, ScopeOrRoleHandler>();
        return services.BuildServiceProvider().GetRequiredService<IAuthorizationService>();
    }

    private static ClaimsPrincipal Person(string role) => new(new ClaimsIdentity(
        PortalRoles.Implied(role).Select(r => new Claim(ClaimTypes.Role, r)).Append(new Claim(PortalClaims.AuthMethod, "github")), "Cookies"));

    private static ClaimsPrincipal Token(params string[] scopes) => new(new ClaimsIdentity(
        scopes.Select(s => new Claim(PortalClaims.Scope, s)).Append(new Claim(PortalClaims.AuthMethod, "token")), "ApiToken"));

    public static TheoryData<string, string, bool> PersonCases => new()
    {
        { "Admin", Policies.Admin, true },
        { "PlatformLead", Policies.Admin, false },
        { "PlatformLead", Policies.PlatformLead, true },
        { "Developer", Policies.PlatformLead, false },
        { "Developer", Policies.Scope(ApiScopes.CatalogWrite), true },
        { "Developer", Policies.Scope(ApiScopes.DoraWrite), false },
        { "PlatformLead", Policies.Scope(ApiScopes.DoraWrite), true },
        { "Learner", Policies.Scope(ApiScopes.CatalogRead), true },
        { "Learner", Policies.Scope(ApiScopes.ScaffolderRun), false },
    };

    [Theory]
    [MemberData(nameof(PersonCases))]
    public async Task People_pass_by_role(string role, string policy, bool allowed) =>
        Assert.Equal(allowed, (await Authorization.AuthorizeAsync(Person(role), policy)).Succeeded);

    [Theory]
    [InlineData(new[] { "catalog:read" }, "scope:catalog:read", true)]
    [InlineData(new[] { "catalog:read" }, "scope:catalog:write", false)]
    [InlineData(new[] { "dora:write" }, "role:Admin", false)]
    [InlineData(new[] { "admin" }, "role:Admin", true)]
    [InlineData(new[] { "admin" }, "scope:dora:write", true)]
    [InlineData(new string[0], "scope:catalog:read", false)]
    public async Task Tokens_pass_by_scope(string[] scopes, string policy, bool allowed) =>
        Assert.Equal(allowed, (await Authorization.AuthorizeAsync(Token(scopes), policy)).Succeeded);

    [Fact]
    public async Task A_token_does_not_gain_scopes_from_role_claims()
    {
        var identity = new ClaimsIdentity([new Claim(PortalClaims.AuthMethod, "token"), new Claim(ClaimTypes.Role, PortalRoles.Admin)], "ApiToken");

        Assert.False((await Authorization.AuthorizeAsync(new ClaimsPrincipal(identity), Policies.Scope(ApiScopes.CatalogWrite))).Succeeded);
    }

    [Fact]
    public async Task Anonymous_fails_the_fallback_policy()
    {
        var options = new AuthorizationOptions();
        Policies.Register(options);

        Assert.False((await Authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), null, options.FallbackPolicy!)).Succeeded);
    }
}
