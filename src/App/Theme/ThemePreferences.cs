using Fawkes.Portal.Data;
using Fawkes.Portal.Identity.Users;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.App.Theme;

/// <summary>Light, dark or system, remembered per user in the database (so it follows them across devices).</summary>
public sealed class ThemePreferences(IDbContextFactory<PortalDbContext> factory)
{
    public const string Light = "light";
    public const string Dark = "dark";
    public const string System = "system";

    public async Task<string> GetAsync(string login, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var theme = await db.Set<PortalUser>().AsNoTracking().Where(u => u.Login == login).Select(u => u.Theme).FirstOrDefaultAsync(cancellationToken);
        return theme ?? System;
    }

    public async Task SetAsync(string login, string theme, CancellationToken cancellationToken = default)
    {
        if (theme is not (Light or Dark or System))
        {
            throw new ArgumentOutOfRangeException(nameof(theme), theme, "Theme must be light, dark or system.");
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Set<PortalUser>().Where(u => u.Login == login).ExecuteUpdateAsync(s => s.SetProperty(u => u.Theme, theme), cancellationToken);
    }
}
