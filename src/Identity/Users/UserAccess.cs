using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Fawkes.Portal.Data;
using Fawkes.Portal.Data.Changes;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Identity.Users;

/// <summary>What a session is checked against: whether the person may still sign in and which stamp is current.</summary>
public sealed record UserAccessState(bool Blocked, int Stamp);

/// <summary>
/// Decides whether a signed-in session is still valid: the person exists, is not blocked, and no Admin change moved their
/// access stamp since they signed in. Answers come from a small per-login cache that the change feed clears (any replica's
/// change, at once) and that expires after a minute (the fallback when the feed is down). Tokens are not sessions: they
/// are looked up on every request.
/// </summary>
public sealed class UserAccess
{
    public const string StampClaim = "fawkes:stamp";
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly IDbContextFactory<PortalDbContext> _factory;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (UserAccessState? State, DateTimeOffset ReadAt)> _cache = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Moved by every notice: a read that started before one must not put its (older) answer in the cache.</summary>
    private long _generation;

    public UserAccess(IDbContextFactory<PortalDbContext> factory, ChangeFeed feed, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(feed);
        (_factory, _time) = (factory, time);
        feed.Received += notice =>
        {
            if (notice.Topic is ChangeNotice.Users or ChangeNotice.Resync)
            {
                Interlocked.Increment(ref _generation);
            }
            if (notice.Topic == ChangeNotice.Resync || (notice.Topic == ChangeNotice.Users && notice.Key is null))
            {
                _cache.Clear();
            }
            else if (notice.Topic == ChangeNotice.Users)
            {
                _cache.TryRemove(notice.Key!, out _);
            }
        };
    }

    /// <summary>True for tokens and anonymous principals (nothing to revalidate); for people, the check above.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal? user, bool fresh, CancellationToken ct)
    {
        if (user?.Identity?.IsAuthenticated != true || user.HasClaim(PortalClaims.AuthMethod, "token"))
        {
            return true;
        }
        var login = user.FindFirst(PortalClaims.Login)?.Value;
        if (login is null)
        {
            return false;
        }
        var state = await StateAsync(login, fresh, ct);
        var stamp = int.TryParse(user.FindFirst(StampClaim)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0;
        return state is { Blocked: false } && state.Stamp == stamp;
    }

    private async Task<UserAccessState?> StateAsync(string login, bool fresh, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (!fresh && _cache.TryGetValue(login, out var hit) && now - hit.ReadAt < MaxAge)
        {
            return hit.State;
        }
        var generation = Interlocked.Read(ref _generation);
        await using var db = await _factory.CreateDbContextAsync(ct);
        var state = await db.Set<PortalUser>().AsNoTracking().Where(u => u.Login == login)
            .Select(u => new UserAccessState(u.Blocked, u.AccessStamp)).FirstOrDefaultAsync(ct);
        if (Interlocked.Read(ref _generation) == generation)
        {
            _cache[login] = (state, now);
            if (Interlocked.Read(ref _generation) != generation)
            {
                _cache.TryRemove(login, out _);
            }
        }
        return state;
    }
}
