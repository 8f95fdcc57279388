using Fawkes.Portal.Data.Changes;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using System.Security.Claims;

namespace Fawkes.Portal.Identity.Users;

/// <summary>
/// An open circuit keeps the principal it started with; this re-checks it every two minutes and at once when the change
/// feed says an Admin changed this person (on any replica). A stale principal becomes anonymous: the page then shows the
/// sign-in redirect, and the cookie is refused on the next request (<see cref="UserAccess"/>).
/// </summary>
internal sealed class RevalidatingPortalAuthState : RevalidatingServerAuthenticationStateProvider
{
    private readonly UserAccess _access;
    private readonly ChangeFeed _feed;
    private readonly ILogger _logger;

    public RevalidatingPortalAuthState(ILoggerFactory loggerFactory, UserAccess access, ChangeFeed feed) : base(loggerFactory)
    {
        (_access, _feed, _logger) = (access, feed, loggerFactory.CreateLogger<RevalidatingPortalAuthState>());
        _feed.Received += OnNotice;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(2);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        _access.IsCurrentAsync(authenticationState.User, fresh: true, cancellationToken);

    private void OnNotice(ChangeNotice notice)
    {
        if (notice.Topic is not (ChangeNotice.Users or ChangeNotice.Resync))
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                var state = await GetAuthenticationStateAsync();
                var login = state.User.FindFirst(PortalClaims.Login)?.Value;
                if (login is null || (notice.Key is { } key && !string.Equals(key, login, StringComparison.OrdinalIgnoreCase)))
                {
                    return;
                }
                // A resync reaches every circuit at once: the shared cache (cleared by the same notice) answers most of them.
                if (!await _access.IsCurrentAsync(state.User, fresh: notice.Topic == ChangeNotice.Users, CancellationToken.None))
                {
                    SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
                }
            }
            catch (Exception ex)
            {
                // The two-minute revalidation still runs; this was only the early check.
                _logger.LogWarning(ex, "Revalidating a circuit after a {Topic} notice failed", notice.Topic);
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        _feed.Received -= OnNotice;
        base.Dispose(disposing);
    }
}
