using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Dojo.Certificates;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Progress;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Dojo.Team;

/// <summary>
/// Teams are catalog Groups of <c>spec.type: team</c> (as on the DORA dashboard); their members are the Users the catalog
/// relates with <c>hasMember</c>. Progress is read for all members at once, one query per table.
/// </summary>
public sealed class TeamProgressService(CatalogQueries catalog, IDbContextFactory<PortalDbContext> factory, DojoContentStore content)
{
    /// <summary>Team names in order.</summary>
    public async Task<IReadOnlyList<string>> TeamsAsync(CancellationToken ct = default)
    {
        var groups = await catalog.ListAsync(EntityFilter.Parse(["kind=group,spec.type=team"]), null, 0, ct);
        return [.. groups.Select(g => g["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal)];
    }

    /// <summary>The first team the person is a member of, for the page's first view; null when none.</summary>
    public async Task<string?> TeamOfAsync(string login, CancellationToken ct = default)
    {
        var user = await catalog.ByRefAsync(new EntityRef(CatalogKinds.User, EntityRef.DefaultNamespace, login), ct);
        var teams = (await TeamsAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Related(user, RelationTypes.MemberOf).Select(r => r.Name).Where(teams.Contains).Order(StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>Null when the catalog has no such Group.</summary>
    public async Task<TeamProgress?> ForTeamAsync(string team, CancellationToken ct = default)
    {
        if (!EntityRef.TryParse(team, CatalogKinds.Group, EntityRef.DefaultNamespace, out var groupRef, out _)
            || !string.Equals(groupRef.Kind, CatalogKinds.Group, StringComparison.OrdinalIgnoreCase)
            || await catalog.ByRefAsync(groupRef, ct) is not { } group)
        {
            return null;
        }
        var memberRefs = Related(group, RelationTypes.HasMember).Where(r => string.Equals(r.Kind, CatalogKinds.User, StringComparison.OrdinalIgnoreCase)).ToList();
        var users = await catalog.ByRefsAsync(memberRefs, ct);
        var members = memberRefs.Select((r, i) => new TeamMember(r.Name,
            users[i]?["spec"]?["profile"]?["displayName"]?.GetValue<string>() ?? r.Name)).ToList();
        var activity = await ActivityAsync([.. members.Select(m => m.Login)], ct);
        return TeamProgressCalculator.Compute(groupRef.Name, content.Current, members, activity);
    }

    private async Task<Dictionary<string, LearnerActivity>> ActivityAsync(List<string> logins, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var parts = (await db.Set<DojoPartRead>().AsNoTracking().Where(r => logins.Contains(r.Login)).ToListAsync(ct)).ToLookup(r => r.Login);
        var quizzes = (await db.Set<DojoQuizAttempt>().AsNoTracking().Where(r => logins.Contains(r.Login)).ToListAsync(ct)).ToLookup(r => r.Login);
        var labs = (await db.Set<DojoLabResult>().AsNoTracking().Where(r => logins.Contains(r.Login)).ToListAsync(ct)).ToLookup(r => r.Login);
        var belts = (await db.Set<DojoBeltAttempt>().AsNoTracking().Where(r => logins.Contains(r.Login)).ToListAsync(ct)).ToLookup(r => r.Login);
        var certificates = (await db.Set<DojoCertificate>().AsNoTracking().Where(r => logins.Contains(r.Login)).ToListAsync(ct)).ToLookup(r => r.Login);
        return logins.Distinct(StringComparer.Ordinal).ToDictionary(l => l,
            l => new LearnerActivity([.. parts[l]], [.. quizzes[l]], [.. labs[l]], [.. belts[l]], [.. certificates[l]]), StringComparer.Ordinal);
    }

    private static IEnumerable<EntityRef> Related(JsonObject? entity, string type) =>
        (entity?["relations"]?.AsArray() ?? [])
            .Where(r => r?["type"]?.GetValue<string>() == type)
            .Select(r => r!["targetRef"]?.GetValue<string>())
            .Select(text => EntityRef.TryParse(text, null, EntityRef.DefaultNamespace, out var parsed, out _) ? parsed : (EntityRef?)null)
            .OfType<EntityRef>();
}
