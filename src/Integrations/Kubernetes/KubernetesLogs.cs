using System.Text;
using k8s;

namespace Fawkes.Portal.Integrations.Kubernetes;

/// <summary>The last lines of one container's log, or why there are none (<see cref="IntegrationStatus"/> and a safe message).</summary>
public sealed record KubernetesLogAnswer(string Cluster, string Namespace, string Pod, string Container, int TailLines, string Status, string? Error, string? Log);

/// <summary>
/// Reads the tail of one container's log, only for a pod that belongs to the entity: the pod is looked up with the entity's
/// own label selector (and namespace annotation) before its log is read, so a caller cannot name another team's pod.
/// Never cached: a log is read when someone asks for it, by someone allowed to (the caller asks the permission service).
/// </summary>
public sealed class KubernetesLogs(KubernetesClusters clusters, ILogger<KubernetesLogs> logger)
{
    public const int DefaultTailLines = 200;
    public const int MaxTailLines = 5000;

    /// <summary>Enough for <see cref="MaxTailLines"/> ordinary lines; a log of huge lines is cut at this size.</summary>
    private const int MaxBytes = 1 << 20;

    public async Task<KubernetesLogAnswer> GetAsync(
        KubernetesSelector selector, string cluster, string ns, string pod, string container, int tailLines, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var answer = new KubernetesLogAnswer(cluster, ns, pod, container, Math.Clamp(tailLines, 1, MaxTailLines), IntegrationStatus.Ok, null, null);
        if (clusters.All.FirstOrDefault(c => string.Equals(c.Name, cluster, StringComparison.Ordinal)) is not { } target)
        {
            return answer with { Status = IntegrationStatus.NotConfigured, Error = $"No cluster is named '{cluster}'." };
        }
        if (selector.Namespace is { } only && !string.Equals(only, ns, StringComparison.Ordinal))
        {
            return NotOurs(answer);
        }
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(clusters.Budget + TimeSpan.FromMilliseconds(250));
            var client = target.Client();
            var pods = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector.LabelSelector, fieldSelector: $"metadata.name={pod}",
                cancellationToken: deadline.Token);
            if (pods.Items?.FirstOrDefault(p => p.Metadata?.Name == pod) is not { } found)
            {
                return NotOurs(answer);
            }
            var names = (found.Spec?.Containers ?? []).Concat(found.Spec?.InitContainers ?? []).Select(c => c.Name).ToList();
            if (!names.Contains(container, StringComparer.Ordinal))
            {
                return answer with
                {
                    Status = IntegrationStatus.NotFound, Error = $"Pod '{pod}' has no container '{container}' (it has: {string.Join(", ", names)}).",
                };
            }
            await using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod, ns, container: container, tailLines: answer.TailLines,
                limitBytes: MaxBytes, cancellationToken: deadline.Token);
            return answer with { Log = await ReadAsync(stream, deadline.Token) };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !ct.IsCancellationRequested)
        {
            var failure = KubernetesFailures.Classify(ex, target.Name, clusters.Budget);
            logger.LogWarning("Logs of {Namespace}/{Pod}/{Container} on {Cluster}: {Status} {Error}", ns, pod, container, target.Name, failure.Status, failure.Error);
            return answer with { Status = failure.Status, Error = failure.Error };
        }
    }

    private static KubernetesLogAnswer NotOurs(KubernetesLogAnswer answer) => answer with
    {
        Status = IntegrationStatus.NotFound,
        Error = $"Pod '{answer.Pod}' in namespace '{answer.Namespace}' of cluster '{answer.Cluster}' is not one of this entity's pods.",
    };

    private static async Task<string> ReadAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[MaxBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
