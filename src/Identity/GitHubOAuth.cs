using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Identity;

/// <summary>GitHub sign-in with the framework's generic OAuth handler (no third-party provider package).</summary>
internal static class GitHubOAuth
{
    public const string Scheme = "GitHub";

    public static AuthenticationBuilder AddGitHub(this AuthenticationBuilder builder, GitHubAuthOptions github)
    {
        var web = github.WebBaseUrl.TrimEnd('/');
        var api = github.ApiBaseUrl.TrimEnd('/');
        return builder.AddOAuth(Scheme, "GitHub", o =>
        {
            o.ClientId = github.ClientId!;
            o.ClientSecret = github.ClientSecret ?? "";
            o.CallbackPath = "/auth/callback/github";
            // The callback is a top-level GET from github.com, which Lax cookies survive; Lax also works on plain-http
            // development hosts, where the default (SameSite=None, Secure) correlation cookie is dropped.
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.AuthorizationEndpoint = $"{web}/login/oauth/authorize";
            o.TokenEndpoint = $"{web}/login/oauth/access_token";
            o.UserInformationEndpoint = $"{api}/user";
            o.Scope.Add("read:user");
            o.Scope.Add("read:org");
            o.ClaimActions.MapJsonKey(ClaimTypes.NameIdentifier, "login");
            o.ClaimActions.MapJsonKey(PortalClaims.Login, "login");
            o.ClaimActions.MapJsonKey(ClaimTypes.Email, "email");
            o.ClaimActions.MapJsonKey(PortalClaims.Avatar, "avatar_url");
            o.ClaimActions.MapCustomJson(ClaimTypes.Name, u =>
                u.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : u.GetProperty("login").GetString());
            o.Events.OnCreatingTicket = ctx => OnCreatingTicketAsync(ctx, api);
            o.Events.OnRemoteFailure = ctx =>
            {
                // Back to the sign-in page with a plain message; the details (which may name URLs) stay in the log.
                ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GitHubOAuth))
                    .LogWarning(ctx.Failure, "GitHub sign-in failed: {Message}", ctx.Failure?.Message);
                ctx.Response.Redirect("/signin?error=github");
                ctx.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    private static async Task OnCreatingTicketAsync(OAuthCreatingTicketContext ctx, string api)
    {
        var user = await GetJsonAsync(ctx, ctx.Options.UserInformationEndpoint);
        ctx.RunClaimActions(user.RootElement);
        var login = user.RootElement.GetProperty("login").GetString()!;
        var services = ctx.HttpContext.RequestServices;
        var github = services.GetRequiredService<IOptions<GitHubAuthOptions>>().Value;

        var orgs = (await GetJsonAsync(ctx, $"{api}/user/orgs?per_page=100")).RootElement
            .EnumerateArray().Select(o => o.GetProperty("login").GetString()!).ToList();
        if (github.AllowedOrganizations.Count > 0 && !orgs.Intersect(github.AllowedOrganizations, StringComparer.OrdinalIgnoreCase).Any())
        {
            // CreatingTicket ignores ctx.Fail(); an exception becomes a remote failure (OnRemoteFailure below).
            throw new AuthenticationFailureException($"GitHub user '{login}' is not a member of an allowed organisation.");
        }

        var teams = (await GetJsonAsync(ctx, $"{api}/user/teams?per_page=100")).RootElement.EnumerateArray()
            .Select(t => $"{t.GetProperty("organization").GetProperty("login").GetString()}/{t.GetProperty("slug").GetString()}")
            .ToList();
        var identity = ctx.Identity!;
        identity.AddClaim(new Claim(PortalClaims.AuthMethod, "github"));
        identity.AddClaims(teams.Select(t => new Claim(PortalClaims.Team, t)));
        var roles = RoleMapper.Map(login, teams, services.GetRequiredService<IOptions<RoleOptions>>().Value);
        identity.AddClaims(roles.Select(r => new Claim(ClaimTypes.Role, r)));

        if (!await services.GetRequiredService<SignInRecorder>().RecordAsync(identity, ctx.HttpContext.RequestAborted))
        {
            throw new AuthenticationFailureException($"GitHub user '{login}' is blocked by an Admin of this portal.");
        }
    }

    private static async Task<JsonDocument> GetJsonAsync(OAuthCreatingTicketContext ctx, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ctx.AccessToken);
        request.Headers.UserAgent.ParseAdd("Fawkes-Portal");
        using var response = await ctx.Backchannel.SendAsync(request, ctx.HttpContext.RequestAborted);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ctx.HttpContext.RequestAborted));
    }
}
