namespace Fawkes.Portal.Features.Dora.Events;

/// <summary>
/// The environment a sender reported, with "not set" read as production (R1's environment). Go's text/template, which
/// ArgoCD Notifications templates use, renders a missing map key as <c>&lt;no value&gt;</c>: that is "not set" too,
/// never an environment of its own (it would silently keep the deployment out of every figure).
/// </summary>
public static class EnvironmentLabel
{
    public const string Production = "production";

    /// <summary>What Go's text/template writes for a missing key (<c>{{index .labels "environment"}}</c>).</summary>
    public const string GoNoValue = "<no value>";

    public static string OrProduction(string? sent) =>
        string.IsNullOrWhiteSpace(sent) || string.Equals(sent.Trim(), GoNoValue, StringComparison.Ordinal) ? Production : sent.Trim();
}
