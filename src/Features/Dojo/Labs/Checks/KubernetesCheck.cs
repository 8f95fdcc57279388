using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Integrations;
using Fawkes.Portal.Integrations.Kubernetes;

namespace Fawkes.Portal.Features.Dojo.Labs.Checks;

/// <summary><c>kubernetes</c>: the service's Deployments are ready on every cluster that answered, and (by default) no problem is open.</summary>
public sealed class KubernetesCheck(KubernetesLiveService kubernetes) : ILabCheck
{
    public string Type => "kubernetes";

    public async Task<LabCheckResult> RunAsync(LabTarget target, LabCheck check, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(check);
        var tab = target.Tab("kubernetes");
        var answer = await kubernetes.GetAsync(KubernetesSelector.FromAnnotations(target.Annotation), ct);
        if (answer.Message is { } message)
        {
            return LabCheckResult.Fail(Type, message, answer.LabelSelector is null ? target.Page : null);
        }
        var answered = answer.Clusters.Where(c => c.Status == IntegrationStatus.Ok).ToList();
        if (answered.Count == 0)
        {
            return LabCheckResult.Fail(Type, "No cluster answered: " + string.Join(" ", answer.Clusters.Select(c => c.Error ?? $"{c.Name}: {c.Status}."))
                + " Run the checks again later; an Admin sees each cluster's status under Admin → Integrations.", tab);
        }
        var deployments = answered.SelectMany(c => c.Deployments.Select(d => (Cluster: c.Name, Deployment: d))).ToList();
        if (deployments.Count == 0)
        {
            return LabCheckResult.Fail(Type, $"No Deployment matches {answer.LabelSelector} in {string.Join(", ", answered.Select(c => c.Name))}. "
                + "Deploy the service (its ArgoCD tab syncs what Git holds), or fix the entity's backstage.io/kubernetes-id annotation.", tab);
        }
        if (deployments.FirstOrDefault(d => d.Deployment.Ready < d.Deployment.Desired) is { Deployment: not null } notReady)
        {
            var d = notReady.Deployment;
            return LabCheckResult.Fail(Type, $"Deployment {d.Name} in cluster {notReady.Cluster} has {d.Ready} of {d.Desired} replicas ready "
                + $"(rollout {d.Rollout}). The Kubernetes tab shows its pods, problems and logs: fix the cause, then deploy again.", tab);
        }
        if (LabParameters.Bool(check, "requireNoProblems", true) && answer.Problems.Count > 0)
        {
            var p = answer.Problems[0];
            return LabCheckResult.Fail(Type, $"{answer.Problems.Count} open problem{(answer.Problems.Count == 1 ? "" : "s")}, first: {p.Kind} {p.Resource} "
                + $"in {p.Cluster}: {p.Reason} — {p.Message} Fix: {p.Suggestion}", tab);
        }
        return LabCheckResult.Pass(Type, $"{deployments.Count} Deployment{(deployments.Count == 1 ? "" : "s")} ready "
            + $"({string.Join(", ", deployments.Select(d => $"{d.Deployment.Name} {d.Deployment.Ready}/{d.Deployment.Desired} in {d.Cluster}"))})"
            + (answer.Problems.Count == 0 ? ", no open problem." : "."), tab);
    }
}
