using System.Security.Claims;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Integrations;
using Fawkes.Portal.Integrations.Kubernetes;
using Fawkes.Portal.Operations.Audit;

namespace Fawkes.Portal.Features.Live.Kubernetes;

/// <summary>
/// Container logs as the endpoint and the log viewer read them: a log may hold secrets and personal data, so every read
/// that returned one is in the audit trail (who, which entity, which cluster/pod/container, how many lines).
/// The caller has already asked the permission service.
/// </summary>
public sealed class AuditedKubernetesLogs(KubernetesLogs logs, AuditLog audit)
{
    public const string Action = "live.kubernetes.logs";

    public async Task<KubernetesLogAnswer> ReadAsync(ClaimsPrincipal? user, EntityRef entity, KubernetesSelector selector, string cluster, string ns,
        string pod, string container, int tailLines, CancellationToken ct)
    {
        var answer = await logs.GetAsync(selector, cluster, ns, pod, container, tailLines, ct);
        if (answer.Status == IntegrationStatus.Ok)
        {
            var actor = user?.FindFirst(PortalClaims.Login)?.Value ?? user?.Identity?.Name ?? "unknown";
            await audit.RecordAsync(actor, Action, $"entity:{entity.Kind}:{entity.Namespace}/{entity.Name}".ToLowerInvariant(),
                $"{answer.Cluster}: {answer.Namespace}/{answer.Pod} container {answer.Container}, last {answer.TailLines} lines", CancellationToken.None);
        }
        return answer;
    }
}
