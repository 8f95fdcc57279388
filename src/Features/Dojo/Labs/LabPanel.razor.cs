using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Fawkes.Portal.Features.Dojo.Labs;

public partial class LabPanel
{
    private IReadOnlyList<LabComponent> _components = [];
    private string? _service;
    private LabRunResult? _result;
    private string? _error;
    private bool _busy;
    private string? _loadedFor;

    [Inject] private LabService Labs { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    [Parameter, EditorRequired] public string ModuleId { get; set; } = "";
    /// <summary>The signed-in learner (the module page shows a sign-in hint instead of this panel to anyone else).</summary>
    [Parameter, EditorRequired] public string Login { get; set; } = "";
    /// <summary>After each run (the page refreshes the learner's progress).</summary>
    [Parameter] public EventCallback<LabRunResult> Checked { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == $"{Login}\n{ModuleId}")
        {
            return;
        }
        _loadedFor = $"{Login}\n{ModuleId}";
        _components = await Labs.ComponentsOfAsync(Login, CancellationToken.None);
        _result = await Labs.LastAsync(Login, ModuleId, CancellationToken.None);
        _service = _components.FirstOrDefault(c => string.Equals(c.Ref, _result?.Service, StringComparison.OrdinalIgnoreCase))?.Ref
            ?? _components.FirstOrDefault()?.Ref;
    }

    private async Task RunAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var user = AuthState is null ? new ClaimsPrincipal() : (await AuthState).User;
            var answer = await Labs.RunAsync(ModuleId, _service, user, CancellationToken.None);
            if (answer.Run is { } run)
            {
                _result = run;
                await Checked.InvokeAsync(run);
            }
            else
            {
                _error = answer.Detail;
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
