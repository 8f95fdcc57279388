using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Identity.ApiTokens;

/// <summary>Authenticates <c>Authorization: Bearer fwk_…</c>. Scopes become <c>scope</c> claims.</summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var identity = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (identity is null)
        {
            return AuthenticateResult.Fail("The API token is unknown, revoked or expired.");
        }
        var name = $"token:{identity.Name}";
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, name),
            new(ClaimTypes.Name, name),
            new(PortalClaims.Login, name),
            new(PortalClaims.AuthMethod, "token"),
        };
        claims.AddRange(identity.Scopes.Select(s => new Claim(PortalClaims.Scope, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Authentication required",
            "Send a session cookie or 'Authorization: Bearer <token>' with a valid API token.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "The token lacks the scope this endpoint requires.");
    }
}
