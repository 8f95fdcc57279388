using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dojo.Progress;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Dojo.Recommendations;

/// <summary>When members of a team first passed given modules' quizzes: what "the team completed them" is read from.</summary>
public sealed class TeamPasses(IDbContextFactory<PortalDbContext> factory)
{
    /// <summary>Per module: the members (case-insensitive logins) who passed it and the earliest pass among them.</summary>
    public async Task<IReadOnlyDictionary<string, (int Members, DateTimeOffset First)>> FirstPassesAsync(
        IReadOnlyCollection<string> logins, IReadOnlyCollection<string> moduleIds, CancellationToken ct)
    {
        if (logins.Count == 0 || moduleIds.Count == 0)
        {
            return new Dictionary<string, (int, DateTimeOffset)>();
        }
        var members = logins.ToHashSet(StringComparer.OrdinalIgnoreCase);
        await using var db = await factory.CreateDbContextAsync(ct);
        // Filtered by module in SQL and by login here: logins are stored as GitHub spells them, user entities in lower case.
        var passes = await db.Set<DojoQuizAttempt>().AsNoTracking()
            .Where(a => a.Passed && moduleIds.Contains(a.ModuleId))
            .Select(a => new { a.Login, a.ModuleId, a.SubmittedAt })
            .ToListAsync(ct);
        return passes.Where(p => members.Contains(p.Login))
            .GroupBy(p => p.ModuleId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key,
                g => (g.Select(p => p.Login.ToLowerInvariant()).Distinct().Count(), g.Min(p => p.SubmittedAt)),
                StringComparer.Ordinal);
    }
}
