namespace Fawkes.Portal.Identity;

/// <summary>Bound from <c>Portal:Api</c>.</summary>
public sealed class PortalApiOptions
{
    public const string Section = "Portal:Api";

    /// <summary>An admin-scoped token for automation and tests. Supply it from a secret, never the repository.</summary>
    public string? BootstrapToken { get; set; }
}
