namespace Fawkes.Portal.Features.Dojo.Certificates;

/// <summary>The Open Badges issuer and where its documents live. Bound from <c>Dojo:Badges</c>.</summary>
public sealed class BadgeOptions
{
    public const string Section = "Dojo:Badges";

    /// <summary>
    /// The portal's public address (e.g. <c>https://portal.example.org</c>) used in badge and certificate URLs; empty = the
    /// address of each request. Set it behind a proxy that does not forward the original host.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public string IssuerName { get; set; } = "Fawkes Platform Dojo";

    /// <summary>Open Badges requires an issuer email; set the address that answers for your Dojo.</summary>
    public string IssuerEmail { get; set; } = "dojo@fawkes.example";

    public string IssuerDescription { get; set; } =
        "The Fawkes Portal's belt-based platform-engineering curriculum, with labs checked against the learner's own service.";

    public static bool IsValidBaseUrl(string? value) => string.IsNullOrWhiteSpace(value)
        || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query));
}
