using Fawkes.Portal.Features.Dojo.Certificates;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Progress;
using Fawkes.Portal.Identity.Permissions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Fawkes.Portal.Features.Dojo.Pages;

public partial class DojoPage
{
    private Curriculum _curriculum = Curriculum.Empty;
    private LearnerProgress? _progress;
    private IReadOnlyList<DojoCertificate> _certificates = [];
    private bool _seesTeam;

    [Inject] private DojoContentStore Content { get; set; } = default!;
    [Inject] private ProgressService Progress { get; set; } = default!;
    [Inject] private CertificateService Certificates { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private DojoBelt? CurrentBelt => _curriculum.Belt(_progress?.CurrentBelt ?? _curriculum.Belts.FirstOrDefault()?.Id ?? "");

    private DojoModule? NextModule => _progress is null ? _curriculum.Modules.FirstOrDefault()
        : _progress.NextModule is { } id ? _curriculum.Module(id) : null;

    protected override async Task OnInitializedAsync()
    {
        Content.Changed += OnContentChanged;
        _curriculum = Content.Current;
        var caller = AuthState is null ? Caller.Anonymous : Caller.From((await AuthState).User);
        _seesTeam = PermissionRules.Decide(caller, PortalAction.DojoTeam).Allowed;
        if (caller is { IsToken: false, Login: { } login })
        {
            _progress = await Progress.ForAsync(login);
            _certificates = await Certificates.ForLearnerAsync(login);
        }
    }

    private void OnContentChanged() => _ = InvokeAsync(() =>
    {
        _curriculum = Content.Current;
        StateHasChanged();
    });

    public void Dispose() => Content.Changed -= OnContentChanged;
}
