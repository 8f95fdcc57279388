using Fawkes.Portal.Features.Catalog.Entity;
using Fawkes.Portal.Features.Catalog.Permissions;
using Fawkes.Portal.Identity.Permissions;
using Fawkes.Portal.Integrations.Kubernetes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Fawkes.Portal.Features.Live.Kubernetes;

/// <summary>A pod of the entity in one cluster, as the picker lists it.</summary>
public sealed record ClusterPod(string Cluster, PodView Pod);

public partial class KubernetesLogViewer : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private string? _pod;
    private string? _container;
    private int _tailLines = KubernetesLogs.DefaultTailLines;
    private bool _loading;
    private KubernetesLogAnswer? _answer;

    [Parameter, EditorRequired] public EntityView Entity { get; set; } = default!;
    [Parameter, EditorRequired] public IReadOnlyList<ClusterPod> Pods { get; set; } = [];
    [Inject] private AuditedKubernetesLogs Logs { get; set; } = default!;
    [Inject] private PermissionService Permissions { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private ClusterPod? Selected => Pods.FirstOrDefault(p => Key(p.Cluster, p.Pod) == _pod);

    private static string Key(string cluster, PodView pod) => $"{cluster}\n{pod.Namespace}\n{pod.Name}";

    protected override void OnParametersSet()
    {
        // The first pod with a problem is the one a developer came for; else the first.
        if (Selected is null && Pods.Count > 0)
        {
            var first = Pods.OrderBy(p => p.Pod.Containers.All(c => c.Ready) ? 1 : 0).First();
            SelectPod(Key(first.Cluster, first.Pod));
        }
    }

    private void SelectPod(string key)
    {
        _pod = key;
        _container = Selected?.Pod.Containers.FirstOrDefault(c => !c.Init)?.Name ?? Selected?.Pod.Containers.FirstOrDefault()?.Name;
    }

    private async Task ShowAsync()
    {
        if (Selected is not { } target || _container is null)
        {
            return;
        }
        // The viewer is shown only to those allowed; asked again here (roles or ownership may have changed since).
        var user = AuthState is null ? null : (await AuthState).User;
        var decision = await Permissions.DecideAsync(user, PortalAction.LiveLogs, CatalogOwnership.OfEntity(Entity.Json));
        if (!decision.Allowed || KubernetesSelector.FromAnnotations(Entity.Annotation) is not { } selector)
        {
            Snackbar.Add(decision.Message, Severity.Error);
            return;
        }
        _loading = true;
        try
        {
            _answer = await Logs.ReadAsync(user, Entity.Ref, selector, target.Cluster, target.Pod.Namespace, target.Pod.Name, _container, _tailLines,
                _disposed.Token);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // Closed while loading.
        }
        finally
        {
            _loading = false;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
