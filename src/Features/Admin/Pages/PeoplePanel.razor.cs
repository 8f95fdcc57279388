using System.Security.Claims;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Permissions;
using Fawkes.Portal.Identity.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Fawkes.Portal.Features.Admin.Pages;

public partial class PeoplePanel
{
    private const string Configured = "";
    private IReadOnlyList<PortalUser>? _users;
    private string? _me;

    [Inject] private UserDirectory Directory { get; set; } = default!;
    [Inject] private PermissionService Permissions { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _me = (await AuthState).User.FindFirstValue(PortalClaims.Login);
        _users = await Directory.ListAsync();
    }

    /// <summary>Your own row is read-only: the directory refuses it too (no Admin locks themselves out).</summary>
    private bool IsMe(PortalUser person) => string.Equals(person.Login, _me, StringComparison.OrdinalIgnoreCase);

    /// <summary>The page is Admin-only; each change asks again, since the Admin's own role may have changed meanwhile.</summary>
    private async Task<string?> AllowedActorAsync()
    {
        var user = (await AuthState).User;
        var decision = Permissions.Decide(user, PortalAction.Admin);
        if (!decision.Allowed)
        {
            Snackbar.Add(decision.Message, Severity.Error);
            return null;
        }
        return user.FindFirstValue(PortalClaims.Login) ?? "unknown";
    }

    private async Task SetRoleAsync(PortalUser person, string role)
    {
        if (await AllowedActorAsync() is not { } actor)
        {
            return;
        }
        await Directory.SetRoleAsync(person.Login, role == Configured ? null : role, actor);
        _users = await Directory.ListAsync();
        Snackbar.Add($"{person.Login} is now {(role == Configured ? "as configured" : role)}; their open sessions were ended.", Severity.Success);
    }

    private async Task ToggleBlockAsync(PortalUser person)
    {
        if (!person.Blocked)
        {
            var confirmed = await Dialogs.ShowMessageBoxAsync($"Block {person.Login}?",
                "They are signed out everywhere at once and cannot sign in until unblocked. Their API tokens are not affected.",
                yesText: "Block", cancelText: "Cancel");
            if (confirmed != true)
            {
                return;
            }
        }
        if (await AllowedActorAsync() is not { } actor)
        {
            return;
        }
        await Directory.SetBlockedAsync(person.Login, !person.Blocked, actor);
        _users = await Directory.ListAsync();
        Snackbar.Add(person.Blocked ? $"Unblocked {person.Login}." : $"Blocked {person.Login}.", Severity.Success);
    }
}
