namespace Fawkes.Portal.Simulators.ArgoCd;

/// <summary>What a simulated ArgoCD application is going through.</summary>
public enum ArgoCdScenario
{
    /// <summary>Synced and Healthy, the last sync succeeded.</summary>
    Healthy,
    /// <summary>Git moved on (or someone edited the cluster): OutOfSync, still Healthy.</summary>
    OutOfSync,
    /// <summary>Synced, but its Deployment and a Pod are Degraded (a crash-looping container).</summary>
    Degraded,
    /// <summary>The last sync failed on an invalid manifest: OutOfSync, operation Failed.</summary>
    FailedSync,
}

/// <summary>One Application in the simulated ArgoCD (in namespace <c>argocd</c>), deploying to <paramref name="Destination"/>.</summary>
/// <param name="Labels">The Application's labels, for <c>argocd/app-selector</c>; <c>app.kubernetes.io/name: Name</c> is always added.</param>
public sealed record SimulatedApp(string Name, string Destination, ArgoCdScenario Scenario, IReadOnlyDictionary<string, string>? Labels = null);
