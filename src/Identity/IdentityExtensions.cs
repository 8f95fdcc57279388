using Fawkes.Portal.Identity.ApiTokens;
using Fawkes.Portal.Identity.Permissions;
using Fawkes.Portal.Identity.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Fawkes.Portal.Identity;

public static class IdentityExtensions
{
    public const string SmartScheme = "Portal";
    private const string SessionEnded = "fawkes:session-ended";

    public static WebApplicationBuilder AddPortalIdentity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<GitHubAuthOptions>().BindConfiguration(GitHubAuthOptions.Section)
            .Validate(o => !o.IsConfigured || !string.IsNullOrWhiteSpace(o.ClientSecret),
                "Authentication:GitHub:ClientSecret is required when Authentication:GitHub:ClientId is set.")
            .ValidateOnStart();
        services.AddOptions<RoleOptions>().BindConfiguration(RoleOptions.Section)
            .Validate(o => PortalRoles.IsKnown(o.DefaultRole), $"Portal:Roles:DefaultRole must be one of {string.Join(", ", PortalRoles.All)}.")
            .ValidateOnStart();
        services.AddOptions<PortalApiOptions>().BindConfiguration(PortalApiOptions.Section);
        var github = builder.Configuration.GetSection(GitHubAuthOptions.Section).Get<GitHubAuthOptions>() ?? new GitHubAuthOptions();

        var auth = services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            // API callers send a bearer token; browsers a cookie. One policy scheme picks per request.
            .AddPolicyScheme(SmartScheme, "Cookie or API token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/signin";
                o.LogoutPath = "/auth/signout";
                o.AccessDeniedPath = "/access-denied";
                o.Cookie.Name = "fawkes.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized, "Authentication required");
                o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden, "Forbidden");
                // Roles and blocks are re-checked on every request (a cached, feed-invalidated lookup), not only at sign-in.
                o.Events.OnValidatePrincipal = async ctx =>
                {
                    var access = ctx.HttpContext.RequestServices.GetRequiredService<UserAccess>();
                    if (!await access.IsCurrentAsync(ctx.Principal, fresh: false, ctx.HttpContext.RequestAborted))
                    {
                        ctx.RejectPrincipal();
                        ctx.HttpContext.Items[SessionEnded] = true;
                        await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        if (github.IsConfigured)
        {
            auth.AddGitHub(github);
        }

        services.AddAuthorization(Policies.Register);
        services.AddSingleton<IAuthorizationHandler, PermissionRequirementHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, PermissionResultHandler>();
        services.AddSingleton<PermissionService>();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<SignInRecorder>();
        services.AddSingleton<UserAccess>();
        services.AddSingleton<UserDirectory>();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingPortalAuthState>();
        services.AddSingleton(SignInMode.From(builder.Configuration, builder.Environment, github.IsConfigured));
        return builder;
    }

    /// <summary>Browsers get redirected to the sign-in page; API callers get a problem+json status.</summary>
    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> ctx, int status, string title)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            return Problems.WriteAsync(ctx.HttpContext, status, title,
                status == 401 ? "Send a session cookie or 'Authorization: Bearer <token>'." : "Your role does not allow this.");
        }
        // A session ended by an Admin's change says so on the sign-in page.
        ctx.Response.Redirect(ctx.HttpContext.Items.ContainsKey(SessionEnded) ? ctx.RedirectUri + "&error=session-ended" : ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
