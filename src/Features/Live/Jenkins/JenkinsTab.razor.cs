using Fawkes.Portal.Features.Catalog.Entity;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Permissions;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Permissions;
using Fawkes.Portal.Integrations.Jenkins;
using Fawkes.Portal.Operations.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Fawkes.Portal.Features.Live.Jenkins;

public partial class JenkinsTab : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private JenkinsAnswer? _answer;
    private JenkinsRunView? _run;
    private int? _selected;
    private bool _mayRebuild;
    private bool _rebuilding;

    [Inject] private JenkinsLiveService Jenkins { get; set; } = default!;
    [Inject] private PermissionService Permissions { get; set; } = default!;
    [Inject] private AuditLog Audit { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>The tab on Components and Resources, beside Kubernetes.</summary>
    internal static void Register(IServiceCollection services) =>
        services.AddEntityTab<JenkinsTab>("jenkins", "Jenkins", Icons.Material.Outlined.Build, 46,
            e => string.Equals(e.Kind, CatalogKinds.Component, StringComparison.OrdinalIgnoreCase)
                || string.Equals(e.Kind, CatalogKinds.Resource, StringComparison.OrdinalIgnoreCase));

    protected override async Task OnInitializedAsync()
    {
        // Not while prerendering: a slow Jenkins must not delay the page.
        if (RendererInfo.IsInteractive)
        {
            _mayRebuild = (await DecideAsync()).Allowed;
            await LoadAsync();
        }
    }

    private async Task<PermissionDecision> DecideAsync() =>
        await Permissions.DecideAsync(AuthState is null ? null : (await AuthState).User, PortalAction.LiveAction, CatalogOwnership.OfEntity(Entity.Json));

    private async Task LoadAsync()
    {
        try
        {
            var job = JenkinsJobRef.Parse(Entity.Annotation(JenkinsJobRef.Annotation));
            _answer = await Jenkins.GetAsync(job, null, Entity.Annotation(JenkinsJobRef.DefaultBranchAnnotation), _disposed.Token);
            _run = _answer.LastRun;
            _selected = _run?.Number;
        }
        catch (FormatException ex)
        {
            _answer = new JenkinsAnswer(null, null, null, [], null, [], null, [], [], ex.Message, DateTimeOffset.UtcNow);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // Closed while loading.
        }
    }

    private async Task SelectAsync(int number)
    {
        if (_answer is null)
        {
            return;
        }
        _selected = number;
        _run = await Jenkins.GetRunAsync(_answer, number, _disposed.Token);
    }

    private async Task RebuildAsync()
    {
        // The button is hidden when not allowed; asked again here (roles or ownership may have changed since).
        var decision = await DecideAsync();
        if (!decision.Allowed || _answer is null)
        {
            Snackbar.Add(decision.Message, Severity.Error);
            return;
        }
        var confirmed = await Dialogs.ShowMessageBoxAsync("Rebuild?",
            $"This starts a new build of {_answer.Job} on {_answer.Instance}.", yesText: "Rebuild", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }
        _rebuilding = true;
        try
        {
            var (_, failure) = await Jenkins.RebuildAsync(_answer, _disposed.Token);
            if (failure is not null)
            {
                Snackbar.Add(failure.Error, Severity.Error);
                return;
            }
            var user = AuthState is null ? null : (await AuthState).User;
            await Audit.RecordAsync(user?.FindFirst(PortalClaims.Login)?.Value ?? "unknown", "live.jenkins.rebuild",
                $"entity:{Entity.Ref}".ToLowerInvariant(), $"{_answer.Instance}: {_answer.Job}", _disposed.Token);
            Snackbar.Add($"Rebuild of {_answer.Job} queued.", Severity.Success);
            await LoadAsync();
        }
        finally
        {
            _rebuilding = false;
        }
    }

    private static string Explain(string status) => status switch
    {
        Integrations.IntegrationStatus.Unauthorized => "The portal's user or API token for this Jenkins is wrong or lacks read rights; an Admin can fix it in the settings.",
        Integrations.IntegrationStatus.Unreachable => "The portal cannot connect to it (wrong URL, network, or Jenkins is down).",
        Integrations.IntegrationStatus.Timeout => "It is too slow right now; it is asked again on the next visit.",
        Integrations.IntegrationStatus.NotFound => "Check the jenkins.io/job-full-name annotation.",
        Integrations.IntegrationStatus.NotConfigured => "An Admin must add it under Integrations:Jenkins:Instances.",
        _ => "",
    };

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
