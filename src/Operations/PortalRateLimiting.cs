using System.Security.Claims;
using System.Threading.RateLimiting;
using Fawkes.Portal.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Fawkes.Portal.Operations;

/// <summary>
/// One global limiter keyed by path, so every API endpoint a feature adds is limited without opting in.
/// Sign-in paths are keyed by IP; API paths by token or user, else IP.
/// </summary>
internal static class PortalRateLimiting
{
    public static IServiceCollection AddPortalRateLimiting(this IServiceCollection services, RateLimitOptions limits)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx => Partition(ctx, limits));
            o.OnRejected = async (rejected, _) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                await Problems.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    "The rate limit for this client was exceeded; retry after the time in the Retry-After header.");
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext ctx, RateLimitOptions limits)
    {
        var path = ctx.Request.Path;
        var ip = ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (path.StartsWithSegments("/auth") || path.StartsWithSegments("/signin"))
        {
            return Window($"signin:{ip}", limits.SignInPerMinute);
        }
        if (path.StartsWithSegments("/api"))
        {
            var who = ctx.User.Identity?.IsAuthenticated == true ? ctx.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
            return Window(who is null ? $"api-ip:{ip}" : $"api:{who}", limits.ApiPerMinute);
        }
        return RateLimitPartition.GetNoLimiter("none");
    }

    private static RateLimitPartition<string> Window(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
