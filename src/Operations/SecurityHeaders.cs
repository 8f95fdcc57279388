using System.Security.Cryptography;

namespace Fawkes.Portal.Operations;

/// <summary>
/// Security headers on every response (pages, API, problem responses, static files): a Content-Security-Policy that
/// Blazor Server, MudBlazor and Plotly work under, plus the older headers for browsers that predate parts of it.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "Fawkes.Portal.CspNonce";

    /// <summary>The per-request nonce for the one inline script the framework writes (the import map).</summary>
    public static string Nonce(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[NonceKey] is not string nonce)
        {
            // Hex, not base64: a '+' or '/' would be HTML-encoded in the attribute (the browser decodes it, but tools and tests read raw).
            nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
        }
        return nonce;
    }

    /// <summary>The policy for one response. Pure, so a test can read it.</summary>
    public static string ContentSecurityPolicy(string nonce) => string.Join("; ",
        "default-src 'self'",
        // No 'unsafe-inline' and no 'unsafe-eval': our scripts are files under wwwroot; the nonce admits only the import
        // map that <ImportMap> writes inline. Plotly.Blazor loads plotly.js as a same-origin <script src>.
        $"script-src 'self' 'nonce-{nonce}'",
        // MudBlazor sets style attributes and writes its theme as an inline <style>; Plotly styles its SVG inline.
        // Inline styles cannot run code, so 'unsafe-inline' for styles only is the accepted trade-off.
        "style-src 'self' 'unsafe-inline'",
        // Blazor's circuit websocket is same-origin; CSP Level 3 'self' matches ws:/wss: of this host (Chromium does).
        "connect-src 'self'",
        "img-src 'self' data: https://avatars.githubusercontent.com",
        "font-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        // Forms post to this site only; "Sign in with GitHub" is a link, not a form, so github.com is not needed here.
        "form-action 'self'",
        "frame-ancestors 'none'");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use((context, next) =>
        {
            // Set when the response starts, not now: the exception handler clears headers before it writes the error.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy(Nonce(context));
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                // frame-ancestors says the same to current browsers; this is for the ones that only know the old header.
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
