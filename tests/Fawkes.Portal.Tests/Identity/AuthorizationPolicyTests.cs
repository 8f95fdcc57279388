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
        services.AddSingleton<IAuthorizationHandler, Fawkes.Portal.Identity.Permissions.PermissionRequirementHandler>();
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
        { "PlatformLead", Policies.DoraWrite, true },
        { "Developer", Policies.DoraWrite, false },
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
    [InlineData(new[] { "catalog:read" }, Policies.CatalogRead, true)]
    [InlineData(new[] { "catalog:read" }, Policies.CatalogRegister, false)]
    [InlineData(new[] { "dora:write" }, Policies.Admin, false)]
    [InlineData(new[] { "admin" }, Policies.Admin, true)]
    [InlineData(new[] { "admin" }, Policies.DoraWrite, true)]
    [InlineData(new string[0], Policies.CatalogRead, false)]
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
