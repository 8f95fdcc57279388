namespace Fawkes.Portal.Integrations;

/// <summary>
/// How one configured instance of an external system (a cluster, a Jenkins server …) answered. The same words appear in the
/// Admin → Integrations page, <c>GET /api/admin/integrations</c> and every live panel's <c>clusters</c>/<c>instances</c> array.
/// </summary>
public static class IntegrationStatus
{
    public const string Ok = "ok";
    public const string Unreachable = "unreachable";
    public const string Unauthorized = "unauthorized";
    public const string NotFound = "notFound";
    public const string Timeout = "timeout";
    public const string NotConfigured = "notConfigured";
}

/// <summary>The health of one named instance, as last checked.</summary>
/// <param name="Kind">The system: <c>kubernetes</c>, <c>jenkins</c>, <c>argocd</c> …</param>
/// <param name="Error">Why it is not <c>ok</c>, safe to show (never a secret).</param>
/// <param name="Demo">A loopback simulator started by demo mode, not a real system.</param>
public sealed record InstanceHealth(string Name, string Kind, string Status, string? Error, long? LatencyMs, DateTimeOffset CheckedAt, bool Demo = false);

/// <summary>
/// Implemented once per external system and registered with <c>AddSingleton&lt;IIntegrationHealthSource, …&gt;</c>:
/// checks each of its instances. Never part of <c>/readyz</c>: an upstream outage must not take the portal out of rotation.
/// </summary>
public interface IIntegrationHealthSource
{
    string Kind { get; }

    /// <summary>One entry per configured instance; a system with none configured answers one <c>notConfigured</c> entry.</summary>
    Task<IReadOnlyList<InstanceHealth>> CheckAsync(CancellationToken cancellationToken);
}
