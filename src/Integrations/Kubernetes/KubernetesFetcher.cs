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

    public static async Task<ClusterObjects> FetchAsync(IKubernetes k, KubernetesSelector selector, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var (ns, ls, token) = (selector.Namespace, selector.LabelSelector, cts.Token);
        Task<IReadOnlyList<T>> List<TList, T>(Func<Task<TList>> all, Func<string, Task<TList>> one, Func<TList, IList<T>?> items, bool optional = true) =>
            Guard(async () => (IReadOnlyList<T>)[.. items(await (ns is null ? all() : one(ns))) ?? []], optional, cts);

        var deployments = List(() => k.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: ls, cancellationToken: token),
            n => k.AppsV1.ListNamespacedDeploymentAsync(n, labelSelector: ls, cancellationToken: token), l => l.Items);
        var statefulSets = List(() => k.AppsV1.ListStatefulSetForAllNamespacesAsync(labelSelector: ls, cancellationToken: token),
            n => k.AppsV1.ListNamespacedStatefulSetAsync(n, labelSelector: ls, cancellationToken: token), l => l.Items);
        var daemonSets = List(() => k.AppsV1.ListDaemonSetForAllNamespacesAsync(labelSelector: ls, cancellationToken: token),
            n => k.AppsV1.ListNamespacedDaemonSetAsync(n, labelSelector: ls, cancellationToken: token), l => l.Items);
        var replicaSets = List(() => k.AppsV1.ListReplicaSetForAllNamespacesAsync(labelSelector: ls, cancellationToken: token),
            n => k.AppsV1.ListNamespacedReplicaSetAsync(n, labelSelector: ls, cancellationToken: token), l => l.Items);
        // Pods are in every cluster's core API: a 404 here means the URL is not an API server.
        var pods = List(() => k.CoreV1.ListPodForAllNamespacesAsync(labelSelector: ls, cancellationToken: token),
            n => k.CoreV1.ListNamespacedPodAsync(n, labelSelector: ls, cancellationToken: token), l => l.Items, optional: false);
        var services = List(() => k.CoreV1.ListServiceForAllNamespacesAsync(labelSelector: ls, cancellationToken: token),
            n => k.CoreV1.ListNamespacedServiceAsync(n, labelSelector: ls, cancellationToken: token), l => l.Items);
        var ingresses = List(() => k.NetworkingV1.ListIngressForAllNamespacesAsync(labelSelector: ls, cancellationToken: token),
            n => k.NetworkingV1.ListNamespacedIngressAsync(n, labelSelector: ls, cancellationToken: token), l => l.Items);
        var hpas = List(() => k.AutoscalingV2.ListHorizontalPodAutoscalerForAllNamespacesAsync(labelSelector: ls, cancellationToken: token),
            n => k.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(n, labelSelector: ls, cancellationToken: token), l => l.Items);
        var cronJobs = List(() => k.BatchV1.ListCronJobForAllNamespacesAsync(labelSelector: ls, cancellationToken: token),
            n => k.BatchV1.ListNamespacedCronJobAsync(n, labelSelector: ls, cancellationToken: token), l => l.Items);
        var jobs = List(() => k.BatchV1.ListJobForAllNamespacesAsync(labelSelector: ls, cancellationToken: token),
            n => k.BatchV1.ListNamespacedJobAsync(n, labelSelector: ls, cancellationToken: token), l => l.Items);

        await WhenAllOrFirstFailure(deployments, statefulSets, daemonSets, replicaSets, pods, services, ingresses, hpas, cronJobs, jobs);
        var objects = new ClusterObjects
        {
            Deployments = deployments.Result, StatefulSets = statefulSets.Result, DaemonSets = daemonSets.Result,
            ReplicaSets = replicaSets.Result, Pods = pods.Result, Services = services.Result, Ingresses = ingresses.Result,
            HorizontalPodAutoscalers = hpas.Result, CronJobs = cronJobs.Result, Jobs = jobs.Result,
        };
        return objects with { WarningEvents = await WarningEventsAsync(k, objects, cts) };
    }

    private static async Task<IReadOnlyList<Corev1Event>> WarningEventsAsync(IKubernetes k, ClusterObjects objects, CancellationTokenSource cts)
    {
        var keys = objects.Keys();
        var namespaces = keys.Select(key => key.Namespace).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Take(MaxEventNamespaces).ToList();
        var lists = namespaces.Select(n => Guard(async () =>
            (IReadOnlyList<Corev1Event>)[.. (await k.CoreV1.ListNamespacedEventAsync(n, fieldSelector: "type=Warning", cancellationToken: cts.Token)).Items ?? []],
            optional: true, cts)).ToArray();
        await WhenAllOrFirstFailure(lists);
        return [.. lists.SelectMany(l => l.Result)
            .Where(e => e.InvolvedObject is { } o && keys.Contains((o.Kind ?? "", o.NamespaceProperty ?? "", o.Name ?? "")))
            .OrderByDescending(LastSeen).Take(MaxEvents)];
    }

    internal static DateTime LastSeen(Corev1Event e) =>
        e.LastTimestamp ?? e.EventTime ?? e.Series?.LastObservedTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp ?? DateTime.MinValue;

    /// <summary>A kind the cluster does not serve (404: an older API version, no such group) is an empty list when optional.</summary>
    private static async Task<IReadOnlyList<T>> Guard<T>(Func<Task<IReadOnlyList<T>>> call, bool optional, CancellationTokenSource cts)
    {
        try
        {
            return await call();
        }
        catch (HttpOperationException ex) when (optional && ex.Response?.StatusCode == HttpStatusCode.NotFound)
        {
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
