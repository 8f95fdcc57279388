using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Identity.Permissions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Fawkes.Portal.Features.Dojo.Team;

public partial class TeamPage
{
    private IReadOnlyList<string> _teams = [];
    private string? _team;
    private TeamProgress? _progress;
    private bool _loading = true;

    [Inject] private TeamProgressService Teams { get; set; } = default!;
    [Inject] private DojoContentStore Content { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }
    /// <summary>The team shown; without it, the viewer's own team (else the first).</summary>
    [SupplyParameterFromQuery(Name = "team")] public string? Team { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _teams = await Teams.TeamsAsync();
        var login = AuthState is null ? null : Caller.From((await AuthState).User).Login;
        _team = Team ?? (login is null ? null : await Teams.TeamOfAsync(login)) ?? _teams.FirstOrDefault();
        _progress = _team is null ? null : await Teams.ForTeamAsync(_team);
        _loading = false;
    }

    private string ModuleTitle(string id) => Content.Current.Module(id)?.Title ?? id;

    private void SelectTeam(string team) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("team", team));
}
