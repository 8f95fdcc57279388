using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Progress;
using Fawkes.Portal.Features.Dojo.Reader;
using Fawkes.Portal.Identity.Permissions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Fawkes.Portal.Features.Dojo.Pages;

public partial class ModulePage
{
    private DojoModule? _module;
    private RenderedModule? _rendered;
    private DojoModule? _previous;
    private DojoModule? _next;
    private string? _login;
    private ModuleProgress? _progress;

    [Parameter] public string Id { get; set; } = "";
    [Inject] private DojoContentStore Content { get; set; } = default!;
    [Inject] private ModuleRenderer Renderer { get; set; } = default!;
    [Inject] private ProgressService Progress { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private Curriculum Curriculum { get; set; } = Curriculum.Empty;

    private string BeltTitle => Curriculum.Belt(_module?.Belt ?? "")?.Title ?? _module?.Belt ?? "";

    protected override async Task OnInitializedAsync()
    {
        Content.Changed += OnContentChanged;
        if (AuthState is not null && Caller.From((await AuthState).User) is { IsToken: false, Login: { } login })
        {
            _login = login;
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        Load();
        await RefreshAsync();
    }

    private void Load()
    {
        Curriculum = Content.Current;
        _module = Curriculum.Module(Id);
        _rendered = _module is null ? null : Renderer.Render(Curriculum, _module);
        (_previous, _next) = Curriculum.Neighbours(Id);
    }

    private async Task RefreshAsync()
    {
        _progress = _login is null || _module is null ? null : (await Progress.ForAsync(_login)).For(_module.Id);
    }

    private bool IsRead(string part) => _progress?.PartsRead.Contains(part) == true;

    private async Task ToggleReadAsync(string part)
    {
        if (_login is null || _module is null)
        {
            return;
        }
        await Progress.MarkReadAsync(_login, _module.Id, part, !IsRead(part));
        await RefreshAsync();
    }

    // Development: a content edit shows up without a reload of the page.
    private void OnContentChanged() => _ = InvokeAsync(() =>
    {
        Load();
        StateHasChanged();
    });

    public void Dispose() => Content.Changed -= OnContentChanged;
}
