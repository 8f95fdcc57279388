using Fawkes.Portal.Data;
using Fawkes.Portal.Identity.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Identity.Pages;

public partial class SignIn
{
    private IReadOnlyList<PortalUser> _users = [];

    [Inject] private SignInMode Mode { get; set; } = default!;
    [Inject] private IDbContextFactory<PortalDbContext> DbFactory { get; set; } = default!;

    [SupplyParameterFromQuery] public string? ReturnUrl { get; set; }
    [SupplyParameterFromQuery] public bool SignedOut { get; set; }
    [SupplyParameterFromQuery] public string? Error { get; set; }

    private string SafeReturnUrl => SignInEndpoints.LocalOrHome(ReturnUrl);

    protected override async Task OnInitializedAsync()
    {
        if (Mode.DevelopmentSignIn)
        {
            await using var db = await DbFactory.CreateDbContextAsync();
            var users = await db.Set<PortalUser>().AsNoTracking().Where(u => u.IsDemo).ToListAsync();
            // Most privileged first, so the default pick shows the whole portal.
            _users = [.. users.OrderBy(u => PortalRoles.All.ToList().IndexOf(u.DemoRole ?? PortalRoles.Learner)).ThenBy(u => u.DisplayName)];
        }
    }
}
