using Fawkes.Portal.Integrations.Kubernetes.Problems;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.Kubernetes;

/// <summary>
/// An entity's Kubernetes objects and problems in every cluster, asked in parallel; each cluster's answer (or failure)
/// is shared by every viewer for <c>CacheSeconds</c>, with one request in flight per cluster and entity. A cluster
/// that fails or is slow only marks its own entry: the others' data still comes back within the budget.
/// </summary>
public sealed class KubernetesLiveService
{
    private readonly KubernetesClusters _clusters;
    private readonly TimeProvider _time;
    private readonly ILogger<KubernetesLiveService> _logger;
    private readonly SingleFlightCache<ClusterResult> _cache;

    public KubernetesLiveService(KubernetesClusters clusters, IOptions<KubernetesOptions> options, TimeProvider time, ILogger<KubernetesLiveService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_clusters, _time, _logger) = (clusters, time, logger);
        _cache = new SingleFlightCache<ClusterResult>(time, TimeSpan.FromSeconds(options.Value.CacheSeconds));
    }

    public async Task<KubernetesAnswer> GetAsync(KubernetesSelector? selector, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (selector is null)
        {
            return new(null, null, [], [], $"This entity has no {KubernetesSelector.IdAnnotation} or {KubernetesSelector.LabelSelectorAnnotation} "
                + "annotation, so no cluster is asked. Add one to its catalog-info.yaml to see its workloads here.", now);
        }
        var clusters = _clusters.All;
        if (clusters.Count == 0)
        {
            return new(selector.LabelSelector, selector.Namespace, [], [],
                $"No Kubernetes cluster is configured: set {KubernetesOptions.Section}:Clusters:0:Name and :Url (see the README).", now);
        }
        var results = await Task.WhenAll(clusters.Select(c =>
            _cache.GetAsync(c.Name + "\n" + selector.CacheKey, () => QueryAsync(c, selector), cancellationToken)));
        return new(selector.LabelSelector, selector.Namespace, [.. results.SelectMany(r => r.Problems)], [.. results.Select(r => r.View)], null, now);
    }

    private async Task<ClusterResult> QueryAsync(KubernetesCluster cluster, KubernetesSelector selector)
    {
        var budget = _clusters.Budget;
        var started = _time.GetTimestamp();
        UpstreamFailure failure;
        try
        {
            // A backstop behind the pipeline's own total timeout, so no path can hold the answer past the budget.
            using var deadline = new CancellationTokenSource(budget + TimeSpan.FromMilliseconds(250), _time);
            var objects = await KubernetesFetcher.FetchAsync(cluster.Client(), selector, deadline.Token);
            var partial = objects.Forbidden.Count == 0 ? null
                : $"Cluster '{cluster.Name}': not allowed to list {string.Join(", ", objects.Forbidden)} (403); grant the portal's role 'list' on them to see them.";
            var view = new ClusterView(cluster.Name, IntegrationStatus.Ok, partial, Elapsed(started), cluster.Demo);
            return new(KubernetesViewMapper.Map(view, objects), KubernetesProblemDetector.Detect(cluster.Name, objects, _time.GetUtcNow()));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failure = KubernetesFailures.Classify(ex, cluster.Name, budget);
            // Whatever ended the calls once the budget was spent (a retry refused by the circuit the timeouts just opened,
            // a cancelled connect), the cause was a cluster too slow to answer.
            if (failure.Status == IntegrationStatus.Unreachable && _time.GetElapsedTime(started) >= budget - TimeSpan.FromMilliseconds(100))
            {
                failure = new UpstreamFailure(IntegrationStatus.Timeout, $"Cluster '{cluster.Name}' gave no answer within {budget.TotalSeconds:0.#} s.");
            }
        }
        // The failure's text is ours (status, host, the server's Status message): never the token or the request headers.
        _logger.LogWarning("Kubernetes cluster {Cluster} answered {Status} for selector {Selector}: {Error}",
            cluster.Name, failure.Status, selector.LabelSelector, failure.Error);
        return new(new ClusterView(cluster.Name, failure.Status, failure.Error, Elapsed(started), cluster.Demo), []);
    }

    private long Elapsed(long started) => (long)_time.GetElapsedTime(started).TotalMilliseconds;

    private sealed record ClusterResult(ClusterView View, IReadOnlyList<KubernetesProblem> Problems);
}
