namespace Fawkes.Portal.Operations;

/// <summary>Bound from <c>Portal:RateLimits</c>. Per client and minute.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Portal:RateLimits";

    /// <summary>Sign-in attempts per client IP.</summary>
    public int SignInPerMinute { get; set; } = 20;

    /// <summary>API requests per token, user or (when anonymous) IP.</summary>
    public int ApiPerMinute { get; set; } = 600;
}
