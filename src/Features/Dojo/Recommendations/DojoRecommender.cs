using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dora;

namespace Fawkes.Portal.Features.Dojo.Recommendations;

/// <summary>
/// Turns a team's own DORA numbers into Dojo recommendations (<c>content/dojo/recommendations.yaml</c>): a rule fires
/// when its metric sits at one of its levels over the window, and then shows how the metric moved since the team
/// completed the rule's modules.
/// </summary>
public sealed class DojoRecommender(DoraService dora, CatalogQueries catalog, DojoContentStore content, TeamPasses passes, TimeProvider time)
{
    /// <summary>The longest comparison window on each side of the completion day.</summary>
    public const int TrendDays = 90;

    /// <summary>Recommendations for the team (a Group name or ref) from its metrics between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public async Task<TeamRecommendations> ForTeamAsync(string team, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(team);
        var curriculum = content.Current;
        var scope = new DoraScope(Team: team);
        var days = to.DayNumber - from.DayNumber + 1;
        var metrics = MetricReading.Of(await dora.SummaryAsync(scope, from, to, ct), days);
        var fired = curriculum.Recommendations
            .Select(rule => (rule, reading: metrics.FirstOrDefault(m => m.Metric == rule.Metric)))
            .Where(x => x.reading is { Level: { } level } && x.rule.Levels.Contains(level, StringComparer.Ordinal))
            .Select(x => (x.rule, reading: x.reading!))
            .ToList();
        if (fired.Count == 0)
        {
            return new TeamRecommendations(team, from, to, metrics, []);
        }
        var members = await MembersAsync(team, ct);
        var moduleIds = fired.SelectMany(f => f.rule.Modules).ToHashSet(StringComparer.Ordinal);
        var passed = await passes.FirstPassesAsync(members, moduleIds, ct);
        var rules = new List<RecommendedRule>();
        foreach (var (rule, reading) in fired)
        {
            var modules = rule.Modules.Select(id => curriculum.Module(id) is { } m
                    ? new RecommendedModule(id, m.Title, m.Belt, passed.GetValueOrDefault(id).Members,
                        passed.TryGetValue(id, out var p) ? p.First : null)
                    : null)
                .OfType<RecommendedModule>().ToList();
            var trend = modules.Count > 0 && modules.All(m => m.FirstPassedAt is not null)
                ? await TrendAsync(scope, reading.Metric, DateOnly.FromDateTime(modules.Max(m => m.FirstPassedAt!.Value).UtcDateTime), ct)
                : null;
            rules.Add(new RecommendedRule(rule, reading, modules, trend));
        }
        return new TeamRecommendations(team, from, to, metrics, rules);
    }

    /// <summary>The logins of the team's members: the names of the User entities that are <c>memberOf</c> it.</summary>
    private async Task<IReadOnlyCollection<string>> MembersAsync(string team, CancellationToken ct)
    {
        var target = EntityRef.Parse(team, CatalogKinds.Group).Key;
        var filter = new EntityFilter([[new FilterCondition("kind", ["user"]), new FilterCondition("relations.memberof", [target])]]);
        var users = await catalog.ListAsync(filter, null, 0, ct);
        return [.. users.Select(u => u["metadata"]!["name"]!.GetValue<string>())];
    }

    private async Task<MetricTrend?> TrendAsync(DoraScope scope, string metric, DateOnly completedOn, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var days = Math.Min(TrendDays, today.DayNumber - completedOn.DayNumber + 1);
        if (days < 1)
        {
            return null;
        }
        var before = MetricReading.Of(await dora.SummaryAsync(scope, completedOn.AddDays(-days), completedOn.AddDays(-1), ct), days);
        var since = MetricReading.Of(await dora.SummaryAsync(scope, completedOn, completedOn.AddDays(days - 1), ct), days);
        return new MetricTrend(completedOn, days, before.First(m => m.Metric == metric), since.First(m => m.Metric == metric));
    }
}
