using Fawkes.Portal.Integrations.Kubernetes.Problems;

namespace Fawkes.Portal.Integrations.ArgoCd;

/// <summary>
/// What is wrong with an application, from what ArgoCD itself says: out of sync, degraded resources (reported on the
/// resource, with ArgoCD's health message), missing resources, a failed sync operation. Pure; never fires on a healthy,
/// synced application.
/// </summary>
public static class ArgoCdProblems
{
    public static IReadOnlyList<ArgoCdProblem> Detect(ArgoCdAppView app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var problems = new List<ArgoCdProblem>();
        if (app.Operation is { Phase: "Failed" or "Error" } op)
        {
            var failed = op.FailedResources.Select(r => $"{r.Kind} {r.Name}: {r.Message ?? r.Status}").ToList();
            problems.Add(OnApp(app, ProblemSeverity.Error, "SyncFailed",
                $"The last sync of '{app.Name}'{At(op.Revision)} failed: {op.Message ?? "ArgoCD gave no message"}."
                    + (failed.Count > 0 ? " Failed: " + string.Join("; ", failed) + "." : ""),
                "Read the message above: it is usually an invalid manifest, a missing namespace or CRD, or an admission webhook refusing an "
                    + "object. Fix it in Git and sync again; 'argocd app get " + app.Name + " --show-operation' shows the full result."));
        }
        if (app.SyncStatus == "OutOfSync")
        {
            problems.Add(OnApp(app, ProblemSeverity.Warning, "OutOfSync",
                $"'{app.Name}' is out of sync: what runs in the cluster differs from Git{At(app.TargetRevision)}"
                    + (app.Operation is { Phase: "Running" } ? " (a sync is running now)." : "."),
                "Look at the diff ('argocd app diff " + app.Name + "' or the ArgoCD UI) and Sync. If it drifts again after a sync, something "
                    + "changes the objects in the cluster (kubectl edits, an HPA or a mutating webhook): add ignoreDifferences for those fields."));
        }
        var unhealthy = app.Resources.Where(r => r.Status is "Degraded" or "Missing").ToList();
        foreach (var r in unhealthy)
        {
            problems.Add(new ArgoCdProblem(app.Instance, r.Kind, r.Name, r.Namespace.Length > 0 ? r.Namespace : app.Namespace,
                r.Status == "Degraded" ? ProblemSeverity.Error : ProblemSeverity.Warning, r.Status,
                r.Status == "Degraded"
                    ? $"{r.Kind} '{r.Name}' of '{app.Name}' is degraded: {r.Message ?? "ArgoCD gave no reason"}."
                    : $"{r.Kind} '{r.Name}' of '{app.Name}' is in Git but not in the cluster.",
                Suggestion(r)));
        }
        if (unhealthy.Count == 0 && app.Health is "Degraded" or "Missing")
        {
            // The tree could not be read (or names nothing): the application's own health still counts.
            problems.Add(OnApp(app, app.Health == "Degraded" ? ProblemSeverity.Error : ProblemSeverity.Warning, app.Health,
                $"'{app.Name}' is {app.Health.ToLowerInvariant()}{(app.HealthMessage is { } m ? ": " + m : ".")}",
                "Open the application's resource tree in ArgoCD to find the resource at fault, then its pods' events and logs (Kubernetes tab)."));
        }
        return problems;
    }

    private static ArgoCdProblem OnApp(ArgoCdAppView app, string severity, string reason, string message, string suggestion) =>
        new(app.Instance, "Application", app.Name, app.Namespace, severity, reason, message, suggestion);

    private static string At(string? revision) =>
        revision is null ? "" : $" at {(revision.Length == 40 ? revision[..7] : revision)}";

    private static string Suggestion(ArgoCdResourceView r) => (r.Status, r.Kind) switch
    {
        ("Missing", _) => "Sync the application to create it; if a sync does not create it, the sync result says why (RBAC, a missing CRD or namespace).",
        (_, "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Pod") =>
            "Its pods are not becoming ready: open the Kubernetes tab for the pod's problem (crash loop, image pull, probes), fix the cause in Git and sync.",
        (_, "Ingress" or "Service") => "It has no address or endpoints yet: check that its pods are ready and the ingress controller or load balancer exists.",
        (_, "PersistentVolumeClaim") => "The claim is not bound: check its storage class and that a volume can be provisioned.",
        (_, "Job") => "The job failed: read its pod's logs, fix the cause and sync again (ArgoCD recreates hooks on the next sync).",
        _ => "Read the message above in the resource's own status ('kubectl describe'), fix the cause in Git and sync.",
    };
}
