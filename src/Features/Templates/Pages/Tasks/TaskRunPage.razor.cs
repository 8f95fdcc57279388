using System.Security.Claims;
using Fawkes.Portal.Features.Templates.Tasks;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Fawkes.Portal.Features.Templates.Pages.Tasks;

/// <summary>
/// A task's page: follows the log live — events written in this process arrive through <see cref="TaskEventHub"/> at
/// once, those of other replicas through a poll every two seconds — until the run ends; Cancel for its initiator (and
/// Admins); Approve / Reject for its approvers while it waits.
/// </summary>
public partial class TaskRunPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private readonly List<TaskEventView> _events = [];
    private ScaffolderTask? _task;
    private TaskRunModel? _model;
    private IDisposable? _subscription;
    private ClaimsPrincipal _user = new();
    private bool _missing, _canCancel, _canDecide, _polling;
    private string? _problem;
    private TaskPreviewResult? _preview;

    [Parameter] public Guid Id { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }
    [Inject] private TaskCommands Commands { get; set; } = default!;
    [Inject] private TaskStore Store { get; set; } = default!;
    [Inject] private TaskAccess Access { get; set; } = default!;
    [Inject] private TaskEventHub Hub { get; set; } = default!;
    [Inject] private TaskPreview Preview { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _user = AuthState is null ? new ClaimsPrincipal() : (await AuthState).User;
        _subscription?.Dispose();
        _events.Clear();
        _subscription = Hub.Subscribe(Id, e => _ = InvokeAsync(() => AddAsync([e])));
        await ReloadAsync();
        if (RendererInfo.IsInteractive && !_polling)
        {
            _polling = true;
            _ = PollAsync(_disposed.Token);
        }
    }

    private async Task ReloadAsync()
    {
        try
        {
            _task = await Commands.VisibleAsync(_user, Id, _disposed.Token);
        }
        catch (TaskLaunchException)
        {
            _missing = true;
            _model = null;
            return;
        }
        _canCancel = TaskAccess.CanCancel(_user, _task);
        _canDecide = _task.Status == ScaffolderTaskStatus.AwaitingApproval && (await Access.CanDecideAsync(_user, _task, _disposed.Token)).Allowed;
        // The approver decides on what would be created: a dry run of the stored template and parameters.
        _preview = _canDecide ? _preview ?? await Preview.RunAsync(_task, _user, _disposed.Token) : null;
        await AddAsync(await Store.EventsAsync(Id, _events.Count == 0 ? null : _events[^1].Id, _disposed.Token), render: false);
    }

    /// <summary>Adds new events (a hub push and a poll may bring the same one) and reloads the task when its status may have changed.</summary>
    private async Task AddAsync(IReadOnlyList<TaskEventView> events, bool render = true)
    {
        var fresh = events.Where(e => _events.All(known => known.Id != e.Id)).ToList();
        _events.AddRange(fresh);
        _events.Sort((a, b) => a.Id.CompareTo(b.Id));
        if (render && fresh.Any(e => e.Type is not TaskEventType.Log || e.Status is not null))
        {
            _task = await Store.FindAsync(Id, _disposed.Token) ?? _task;
            _canDecide &= _task?.Status == ScaffolderTaskStatus.AwaitingApproval;
        }
        if (_task is not null)
        {
            _model = TaskRunModel.From(_task, _events);
        }
        if (render)
        {
            StateHasChanged();
        }
    }

    private async Task PollAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(ct) && _model is not { IsFinished: true })
            {
                var events = await Store.EventsAsync(Id, _events.Count == 0 ? null : _events[^1].Id, ct);
                await InvokeAsync(async () =>
                {
                    _task = await Store.FindAsync(Id, ct) ?? _task;
                    await AddAsync(events);
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    private Task CancelAsync() => ActAsync(() => Commands.CancelAsync(_user, Id, _disposed.Token));

    private Task ApproveAsync(string reason) => ActAsync(() => Commands.ApproveAsync(_user, Id, reason, _disposed.Token));

    private Task RejectAsync(string reason) => ActAsync(() => Commands.RejectAsync(_user, Id, reason, _disposed.Token));

    private async Task ActAsync(Func<Task> action)
    {
        _problem = null;
        try
        {
            await action();
        }
        catch (TaskLaunchException e)
        {
            _problem = e.Message;
        }
        await ReloadAsync();
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
