using k8s;

namespace Fawkes.Portal.Integrations.Kubernetes;

/// <summary>Each cluster's health for Admin → Integrations: the API discovery document (<c>GET /api</c>), which needs a valid token.</summary>
internal sealed class KubernetesHealthSource(KubernetesClusters clusters, TimeProvider time) : IIntegrationHealthSource
{
    public string Kind => "kubernetes";

    public async Task<IReadOnlyList<InstanceHealth>> CheckAsync(CancellationToken cancellationToken)
    {
        var all = clusters.All;
        if (all.Count == 0)
        {
            return [new InstanceHealth("kubernetes", Kind, IntegrationStatus.NotConfigured,
                $"No cluster configured ({KubernetesOptions.Section}:Clusters:0:Name, :Url).", null, time.GetUtcNow())];
        }
        return await Task.WhenAll(all.Select(c => CheckAsync(c, cancellationToken)));
    }

    private async Task<InstanceHealth> CheckAsync(KubernetesCluster cluster, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        string status = IntegrationStatus.Ok;
        string? error = null;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(clusters.Budget + TimeSpan.FromMilliseconds(250));
            await cluster.Client().Core.GetAPIVersionsAsync(deadline.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            (status, error) = KubernetesFailures.Classify(ex, cluster.Name, clusters.Budget);
        }
        return new InstanceHealth(cluster.Name, Kind, status, error, (long)time.GetElapsedTime(started).TotalMilliseconds, time.GetUtcNow(), cluster.Demo);
    }
}
