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
    private IReadOnlyList<string> _teams = [];
    private string? _login;

    [Inject] private DojoContentStore Content { get; set; } = default!;
    [Inject] private ProgressService Progress { get; set; } = default!;
    [Inject] private IOwnershipDirectory Ownership { get; set; } = default!;
    private IReadOnlyList<DojoCertificate> _certificates = [];
    private bool _seesTeam;

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
            _login = login;
            _progress = await Progress.ForAsync(login);
            // The learner's teams: the groups their User entity is a member of (the Dojo recommends from each one's DORA numbers).
            _teams = [.. (await Ownership.OwnerRefsAsync(login, CancellationToken.None))
                .Where(r => r.StartsWith("group:", StringComparison.OrdinalIgnoreCase))
                .Select(r => r[(r.IndexOf('/', StringComparison.Ordinal) + 1)..])
                .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
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
