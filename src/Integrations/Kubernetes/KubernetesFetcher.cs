using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Fawkes.Portal.Integrations.Kubernetes;

/// <summary>
/// Lists an entity's objects in one cluster, every kind in parallel, all namespaces or the annotated one; then the Warning
/// events of the namespaces they live in, kept only when about one of them. The first failure cancels the rest.
/// </summary>
internal static class KubernetesFetcher
{
    /// <summary>Namespaces whose events are read at most (an entity spread wider still shows its objects).</summary>
    private const int MaxEventNamespaces = 20;
    private const int MaxEvents = 50;

    /// <summary>Objects per list call (kubectl's default chunk size).</summary>
    internal const int PageSize = 500;

    /// <summary>Pages read at most per list: 20 × 500 objects of one entity is far beyond any real workload.</summary>
    internal const int MaxPages = 20;

    public static async Task<ClusterObjects> FetchAsync(IKubernetes k, KubernetesSelector selector, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var (ns, ls, token) = (selector.Namespace, selector.LabelSelector, cts.Token);
        var forbidden = new System.Collections.Concurrent.ConcurrentBag<string>();
        Task<IReadOnlyList<T>> List<TList, T>(Func<string?, Task<TList>> all, Func<string, string?, Task<TList>> one, bool optional = true)
            where TList : IItems<T>, IMetadata<V1ListMeta> =>
            Guard(() => AllPagesAsync<TList, T>(c => ns is null ? all(c) : one(ns, c)), optional, cts, forbidden, Resource<T>());

        var deployments = List<V1DeploymentList, V1Deployment>(
            c => k.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token),
            (n, c) => k.AppsV1.ListNamespacedDeploymentAsync(n, labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token));
        var statefulSets = List<V1StatefulSetList, V1StatefulSet>(
            c => k.AppsV1.ListStatefulSetForAllNamespacesAsync(labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token),
            (n, c) => k.AppsV1.ListNamespacedStatefulSetAsync(n, labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token));
        var daemonSets = List<V1DaemonSetList, V1DaemonSet>(
            c => k.AppsV1.ListDaemonSetForAllNamespacesAsync(labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token),
            (n, c) => k.AppsV1.ListNamespacedDaemonSetAsync(n, labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token));
        var replicaSets = List<V1ReplicaSetList, V1ReplicaSet>(
            c => k.AppsV1.ListReplicaSetForAllNamespacesAsync(labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token),
            (n, c) => k.AppsV1.ListNamespacedReplicaSetAsync(n, labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token));
        // Pods are in every cluster's core API: a 404 here means the URL is not an API server.
        var pods = List<V1PodList, V1Pod>(
            c => k.CoreV1.ListPodForAllNamespacesAsync(labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token),
            (n, c) => k.CoreV1.ListNamespacedPodAsync(n, labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token), optional: false);
        var services = List<V1ServiceList, V1Service>(
            c => k.CoreV1.ListServiceForAllNamespacesAsync(labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token),
            (n, c) => k.CoreV1.ListNamespacedServiceAsync(n, labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token));
        var ingresses = List<V1IngressList, V1Ingress>(
            c => k.NetworkingV1.ListIngressForAllNamespacesAsync(labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token),
            (n, c) => k.NetworkingV1.ListNamespacedIngressAsync(n, labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token));
        var hpas = List<V2HorizontalPodAutoscalerList, V2HorizontalPodAutoscaler>(
            c => k.AutoscalingV2.ListHorizontalPodAutoscalerForAllNamespacesAsync(labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token),
            (n, c) => k.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(n, labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token));
        var cronJobs = List<V1CronJobList, V1CronJob>(
            c => k.BatchV1.ListCronJobForAllNamespacesAsync(labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token),
            (n, c) => k.BatchV1.ListNamespacedCronJobAsync(n, labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token));
        var jobs = List<V1JobList, V1Job>(
            c => k.BatchV1.ListJobForAllNamespacesAsync(labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token),
            (n, c) => k.BatchV1.ListNamespacedJobAsync(n, labelSelector: ls, limit: PageSize, continueParameter: c, cancellationToken: token));

        await WhenAllOrFirstFailure(deployments, statefulSets, daemonSets, replicaSets, pods, services, ingresses, hpas, cronJobs, jobs);
        var objects = new ClusterObjects
        {
            Deployments = deployments.Result, StatefulSets = statefulSets.Result, DaemonSets = daemonSets.Result,
            ReplicaSets = replicaSets.Result, Pods = pods.Result, Services = services.Result, Ingresses = ingresses.Result,
            HorizontalPodAutoscalers = hpas.Result, CronJobs = cronJobs.Result, Jobs = jobs.Result,
        };
        var events = await WarningEventsAsync(k, objects, cts, forbidden);
        return objects with { WarningEvents = events, Forbidden = [.. forbidden.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] };
    }

    /// <summary>The plural resource name RBAC speaks of (<c>V2HorizontalPodAutoscaler</c> → <c>horizontalpodautoscalers</c>).</summary>
    private static string Resource<T>()
    {
        var name = typeof(T).Name;
        name = name.StartsWith("Corev1", StringComparison.Ordinal) ? name[6..] : name[2..];
        name = name.ToLowerInvariant();
        return name.EndsWith('s') ? name + "es" : name + "s";
    }

    private static async Task<IReadOnlyList<Corev1Event>> WarningEventsAsync(
        IKubernetes k, ClusterObjects objects, CancellationTokenSource cts, System.Collections.Concurrent.ConcurrentBag<string> forbidden)
    {
        var keys = objects.Keys();
        var namespaces = keys.Select(key => key.Namespace).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Take(MaxEventNamespaces).ToList();
        var lists = namespaces.Select(n => Guard(() => AllPagesAsync<Corev1EventList, Corev1Event>(c =>
            k.CoreV1.ListNamespacedEventAsync(n, fieldSelector: "type=Warning", limit: PageSize, continueParameter: c, cancellationToken: cts.Token)),
            optional: true, cts, forbidden, "events")).ToArray();
        await WhenAllOrFirstFailure(lists);
        return [.. lists.SelectMany(l => l.Result)
            .Where(e => e.InvolvedObject is { } o && keys.Contains((o.Kind ?? "", o.NamespaceProperty ?? "", o.Name ?? "")))
            .OrderByDescending(LastSeen).Take(MaxEvents)];
    }

    /// <summary>
    /// Follows <c>metadata.continue</c> until the list is complete, as kubectl does: a large namespace answers in pages of
    /// <see cref="PageSize"/> instead of one huge response the API server has to build in memory. At most <see cref="MaxPages"/>.
    /// </summary>
    internal static async Task<IReadOnlyList<T>> AllPagesAsync<TList, T>(Func<string?, Task<TList>> page)
        where TList : IItems<T>, IMetadata<V1ListMeta>
    {
        var all = new List<T>();
        string? next = null;
        for (var i = 0; i < MaxPages; i++)
        {
            var list = await page(next);
            all.AddRange(list.Items ?? []);
            next = list.Metadata?.ContinueProperty;
            if (string.IsNullOrEmpty(next))
            {
                break;
            }
        }
        return all;
    }

    internal static DateTime LastSeen(Corev1Event e) =>
        e.LastTimestamp ?? e.EventTime ?? e.Series?.LastObservedTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp ?? DateTime.MinValue;

    /// <summary>
    /// A kind the cluster does not serve (404: an older API version, no such group) is an empty list when optional; so is a
    /// kind its RBAC refuses (403), which is remembered in <paramref name="forbidden"/>: a read-only role without
    /// <c>horizontalpodautoscalers</c> must not hide the pods it may see.
    /// </summary>
    private static async Task<IReadOnlyList<T>> Guard<T>(Func<Task<IReadOnlyList<T>>> call, bool optional, CancellationTokenSource cts,
        System.Collections.Concurrent.ConcurrentBag<string> forbidden, string resource)
    {
        try
        {
            return await call();
        }
        catch (HttpOperationException ex) when (optional && ex.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }
        catch (HttpOperationException ex) when (optional && ex.Response?.StatusCode == HttpStatusCode.Forbidden)
        {
            forbidden.Add(resource);
            return [];
        }
        catch
        {
            // One failure decides the cluster's status; the other lists need not run on.
            await cts.CancelAsync();
            throw;
        }
    }

    /// <summary>Waits for all, then rethrows the failure that caused the others' cancellation (not a cancellation it caused).</summary>
    private static async Task WhenAllOrFirstFailure(params Task[] tasks)
    {
        try
        {
            await Task.WhenAll(tasks);
        }
        catch
        {
            var cause = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault(e => e is not OperationCanceledException)
                ?? tasks.Where(t => t.IsFaulted || t.IsCanceled).Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is not null);
            if (cause is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            }
            throw;
        }
    }
}
