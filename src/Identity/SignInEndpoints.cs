using System.Security.Claims;
using Fawkes.Portal.Data;
using Fawkes.Portal.Identity.Users;
using Fawkes.Portal.Operations.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Identity;

internal static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth");
        auth.MapGet("/github", (string? returnUrl, SignInMode mode) => mode.GitHubConfigured
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOrHome(returnUrl) }, [GitHubOAuth.Scheme])
                : Results.Problem("GitHub sign-in is not configured (Authentication:GitHub:ClientId).", statusCode: 404))
            .AllowAnonymous();
        auth.MapPost("/dev-signin", DevSignInAsync).AllowAnonymous();
        auth.MapPost("/signout", async (HttpContext ctx, AuditLog audit) =>
        {
            var login = ctx.User.FindFirst(PortalClaims.Login)?.Value ?? "unknown";
            await ctx.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            await audit.RecordAsync(login, "user.signout", $"user:{login}");
            return Results.Redirect("/signin?signedOut=true");
        });
        return app;
    }

    /// <summary>Signs in as a seeded demo user with a chosen role. Only exists when <see cref="SignInMode.DevelopmentSignIn"/> says so.</summary>
    private static async Task<IResult> DevSignInAsync(
        HttpContext ctx, SignInMode mode, IAntiforgery antiforgery, IDbContextFactory<PortalDbContext> factory, SignInRecorder recorder)
    {
        if (!mode.DevelopmentSignIn)
        {
            return Results.Problem(mode.GitHubConfigured
                    ? "The development sign-in is disabled because GitHub OAuth is configured."
                    : $"The development sign-in is off outside Development. Configure Authentication:GitHub:ClientId and ClientSecret, or set {SignInMode.EnabledKey}=true for a demo.",
                statusCode: 404, title: "Development sign-in is not available");
        }
        // The form is read by hand so a disabled sign-in answers 404 before anything is parsed.
        if (!await antiforgery.IsRequestValidAsync(ctx))
        {
            return Results.Problem("The sign-in form expired or did not come from this site. Reload the sign-in page and try again.", statusCode: 400);
        }
        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        string login = form["login"].ToString(), role = form["role"].ToString(), returnUrl = form["returnUrl"].ToString();
        await using var db = await factory.CreateDbContextAsync(ctx.RequestAborted);
        var user = await db.Set<PortalUser>().AsNoTracking().FirstOrDefaultAsync(u => u.Login == login && u.IsDemo, ctx.RequestAborted);
        if (user is null || !PortalRoles.IsKnown(role))
        {
            return Results.Redirect($"/signin?error=unknown-user&returnUrl={Uri.EscapeDataString(LocalOrHome(returnUrl))}");
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Login),
            new(PortalClaims.Login, user.Login),
            new(ClaimTypes.Name, user.DisplayName),
            new(PortalClaims.AuthMethod, "development"),
        };
        if (user.Email is not null)
        {
            claims.Add(new Claim(ClaimTypes.Email, user.Email));
        }
        claims.AddRange(PortalRoles.Implied(role).Select(r => new Claim(ClaimTypes.Role, r)));
        var identity = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme);
        if (!await recorder.RecordAsync(identity, ctx.RequestAborted))
        {
            return Results.Redirect($"/signin?error=blocked&returnUrl={Uri.EscapeDataString(LocalOrHome(returnUrl))}");
        }
        await ctx.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    /// <summary>Only same-site paths: an open redirect after sign-in would be a phishing aid.</summary>
    internal static string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
