using Fawkes.Portal.Features.Catalog.Permissions;
using Fawkes.Portal.Identity.Permissions;
using Fawkes.Portal.Integrations.Kubernetes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Fawkes.Portal.Features.Live.Kubernetes;

public partial class KubernetesTab : IDisposable
{
    /// <summary>How often a shown tab asks again; answers come from the shared cache, so viewers add no cluster load.</summary>
    internal static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _disposed = new();
    private KubernetesAnswer? _answer;
    private bool _refreshing;
    private bool _mayReadLogs;

    [Inject] private KubernetesLiveService Kubernetes { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<KubernetesTab> Logger { get; set; } = default!;
    [Inject] private PermissionService Permissions { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private KubernetesSelector? Selector => KubernetesSelector.FromAnnotations(Entity.Annotation);

    protected override async Task OnInitializedAsync()
    {
        // Not while prerendering: the interactive render asks right away, and a cluster answer must not delay the page.
        if (RendererInfo.IsInteractive)
        {
            // Owners, PlatformLead and Admin see the log viewer (live.logs); others never get the button.
            _mayReadLogs = (await Permissions.DecideAsync(AuthState is null ? null : (await AuthState).User, PortalAction.LiveLogs,
                CatalogOwnership.OfEntity(Entity.Json))).Allowed;
            await LoadAsync();
            _ = RefreshLoopAsync();
        }
    }

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(RefreshEvery, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_disposed.Token))
            {
                await InvokeAsync(async () =>
                {
                    await LoadAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The tab was closed or another tab selected.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Logger.LogWarning(ex, "Kubernetes tab refresh of {Entity} stopped", Entity.Ref);
        }
    }

    private async Task RefreshAsync()
    {
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _refreshing = true;
        try
        {
            _answer = await Kubernetes.GetAsync(Selector, _disposed.Token);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // Closed while loading.
        }
        finally
        {
            _refreshing = false;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
