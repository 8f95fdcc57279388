using Fawkes.Portal.Data;
using Fawkes.Portal.Identity.Users;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.App.Home;

/// <summary>A number on the Home page, with where to click for the details.</summary>
public sealed record HomeStat(string Label, string Value, string Icon, string? Href, int Order);

/// <summary>Features register one of these to put their headline numbers on Home.</summary>
public interface IHomeStatProvider
{
    Task<IReadOnlyList<HomeStat>> GetStatsAsync(CancellationToken cancellationToken);
}

/// <summary>The foundation's own numbers: people using the portal.</summary>
internal sealed class PeopleStatProvider(IDbContextFactory<PortalDbContext> factory, TimeProvider time) : IHomeStatProvider
{
    public async Task<IReadOnlyList<HomeStat>> GetStatsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var users = db.Set<PortalUser>().AsNoTracking();
        var total = await users.CountAsync(cancellationToken);
        var since = time.GetUtcNow().AddDays(-7);
        // DateTimeOffset comparisons are not translatable on SQLite; the user table is small.
        var active = (await users.Where(u => u.LastSignInAt != null).Select(u => u.LastSignInAt).ToListAsync(cancellationToken))
            .Count(t => t >= since);
        return
        [
            new("People", total.ToString(System.Globalization.CultureInfo.InvariantCulture), MudBlazor.Icons.Material.Outlined.People, null, 90),
            new("Active this week", active.ToString(System.Globalization.CultureInfo.InvariantCulture), MudBlazor.Icons.Material.Outlined.Bolt, null, 91),
        ];
    }
}

/// <summary>Collects every feature's stats; one failing provider does not blank the page.</summary>
public sealed class HomeSummary(IEnumerable<IHomeStatProvider> providers, ILogger<HomeSummary> logger)
{
    public async Task<IReadOnlyList<HomeStat>> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var stats = new List<HomeStat>();
        foreach (var provider in providers)
        {
            try
            {
                stats.AddRange(await provider.GetStatsAsync(cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Home stat provider {Provider} failed", provider.GetType().Name);
            }
        }
        return [.. stats.OrderBy(s => s.Order)];
    }
}
