using Fawkes.Portal.Integrations.ArgoCd;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Fawkes.Portal.Features.Live.ArgoCd;

public partial class ArgoCdTab : IDisposable
{
    /// <summary>How often a shown tab asks again; answers come from the shared cache, so viewers add no load on ArgoCD.</summary>
    internal static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _disposed = new();
    private ArgoCdAnswer? _answer;
    private bool _refreshing;
    private bool _maySync;
    private bool _syncing;

    [Inject] private ArgoCdLiveService Argo { get; set; } = default!;
    [Inject] private ArgoCdSyncAction Sync { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<ArgoCdTab> Logger { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        // Not while prerendering: the interactive render asks right away, and an upstream answer must not delay the page.
        if (RendererInfo.IsInteractive)
        {
            _maySync = (await Sync.DecideAsync(await UserAsync(), Entity.Json, _disposed.Token)).Allowed;
            await LoadAsync();
            _ = RefreshLoopAsync();
        }
    }

    private async Task<System.Security.Claims.ClaimsPrincipal?> UserAsync() => AuthState is null ? null : (await AuthState).User;

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
            Logger.LogWarning(ex, "ArgoCD tab refresh of {Entity} stopped", Entity.Ref);
        }
    }

    private async Task LoadAsync()
    {
        _refreshing = true;
        try
        {
            _answer = await Argo.GetAsync(ArgoCdSelector.FromAnnotations(Entity.Annotation), _disposed.Token);
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

    private async Task SyncAsync(ArgoCdAppView app)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Sync {app.Name}?",
            $"ArgoCD '{app.Instance}' will apply what Git holds at {app.TargetRevision ?? "the target revision"} to the cluster now. "
                + "This is recorded in the audit log.", yesText: "Sync", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }
        _syncing = true;
        try
        {
            // The button is hidden when not allowed; the action asks again (roles or ownership may have changed).
            var result = await Sync.SyncAsync(await UserAsync(), Entity.Json, app.Name, app.Instance, _disposed.Token);
            if (!result.Decision.Allowed)
            {
                _maySync = false;
                Snackbar.Add(result.Decision.Message, Severity.Error);
                return;
            }
            foreach (var outcome in result.Outcomes)
            {
                Snackbar.Add(outcome.Status == ArgoCdSyncAction.Started
                    ? $"Sync of {outcome.Application} started on {outcome.Instance}."
                    : $"Sync of {outcome.Application} failed: {outcome.Error}", outcome.Status == ArgoCdSyncAction.Started ? Severity.Success : Severity.Error);
            }
            if (result.Outcomes.Count == 0)
            {
                Snackbar.Add($"{app.Name} is no longer among this entity's applications on {app.Instance}.", Severity.Warning);
            }
            await LoadAsync();
        }
        finally
        {
            _syncing = false;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
