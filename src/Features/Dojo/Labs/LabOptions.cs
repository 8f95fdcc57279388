namespace Fawkes.Portal.Features.Dojo.Labs;

/// <summary>Bound from <c>Dojo:Labs</c>.</summary>
public sealed class LabOptions
{
    public const string Section = "Dojo:Labs";

    /// <summary>
    /// Let <c>http</c> checks reach loopback and private addresses (a lab against a service on the cluster network, local
    /// tests). Off by default: a lab URL, with the learner's service name put in, must not probe the portal's own network.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long one attempt of an <c>http</c> check may take.</summary>
    public double HttpTimeoutSeconds { get; set; } = 10;
}
