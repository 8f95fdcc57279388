namespace Fawkes.Portal.Features.Dora.Calculation;

/// <summary>
/// The DORA figures for a window, per period and in total, exactly by rules R1–R13 (Apache DevLake's DORA semantics).
/// Pure: the caller passes every relevant event (also before the window: R7 attributes incidents to earlier deployments).
/// </summary>
public static class DoraCalculator
{
    public static IReadOnlyList<DoraRow> Rows(DoraInput input, DateOnly from, DateOnly to, Bucket bucket)
    {
        var facts = Facts.Build(input, from, to);
        return [.. DoraMath.Periods(from, to, bucket).Select(period => facts.Row(period, day => DoraMath.Period(day, bucket) == period))];
    }

    public static DoraSummary Summarize(DoraInput input, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(input);
        var facts = Facts.Build(input, from, to);
        var totals = facts.Row($"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}", _ => true);
        var days = facts.Counted.Select(d => DoraMath.Day(d.FinishedAt)).ToHashSet();
        var weekly = DoraMath.Periods(from, to, Bucket.Week).Select(p => new PeriodDays(p, days.Count(d => DoraMath.Period(d, Bucket.Week) == p))).ToList();
        var monthly = DoraMath.Periods(from, to, Bucket.Month).Select(p => new PeriodDays(p, days.Count(d => DoraMath.Period(d, Bucket.Month) == p))).ToList();
        var sixMonthsBefore = to.AddMonths(-6);
        var daysInLastSixMonths = input.Deployments.Where(d => d.Counts).Select(d => DoraMath.Day(d.FinishedAt)).Count(d => d > sixMonthsBefore && d <= to);
        return new DoraSummary(totals, weekly, monthly,
            DoraLevels.For2023(weekly, monthly, totals),
            DoraLevels.For2021(weekly, monthly, daysInLastSixMonths, totals));
    }

    /// <summary>Everything a row needs, attributed once for the window.</summary>
    private sealed record Facts(
        IReadOnlyList<DeploymentEvent> Counted, IReadOnlyList<DeploymentEvent> Failed, IReadOnlyList<DeployedPullRequest> PullRequests,
        IReadOnlyList<AttributedIncident> Incidents, ISet<string> DeploymentsWithIncident, IReadOnlySet<string> Rework, DateOnly From, DateOnly To)
    {
        public static Facts Build(DoraInput input, DateOnly from, DateOnly to)
        {
            bool InWindow(DateTimeOffset at) => DoraMath.Day(at) >= from && DoraMath.Day(at) <= to;
            var counted = input.Deployments.Where(d => d.Counts && InWindow(d.FinishedAt)).ToList();
            var incidents = DoraAttribution.AttributeIncidents(input);
            var windowEnd = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var rework = counted.Where(d => DoraAttribution.IsRework(d, input.Incidents, windowEnd)).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            return new Facts(
                counted,
                [.. input.Deployments.Where(d => d.FailedInProduction && InWindow(d.FinishedAt))],
                [.. DoraAttribution.DeployedPullRequests(input).Where(p => InWindow(p.Deployment.FinishedAt))],
                incidents,
                incidents.Where(i => i.CausedBy is not null).Select(i => i.CausedBy!.Id).ToHashSet(StringComparer.Ordinal),
                rework, from, to);
        }

        private bool InWindow(DateTimeOffset at) => DoraMath.Day(at) >= From && DoraMath.Day(at) <= To;

        public DoraRow Row(string period, Func<DateOnly, bool> inPeriod)
        {
            var deployments = Counted.Where(d => inPeriod(DoraMath.Day(d.FinishedAt))).ToList();
            var withIncident = deployments.Count(d => DeploymentsWithIncident.Contains(d.Id));
            var leadTimes = PullRequests.Where(p => inPeriod(DoraMath.Day(p.Deployment.FinishedAt))).ToList();
            var fdrt = Incidents
                .Where(i => i.CausedBy is not null && i.Incident.ResolvedAt is { } r && InWindow(r) && inPeriod(DoraMath.Day(i.CausedBy.FinishedAt)))
                .Select(i => DoraMath.FloorMinutes(i.CausedBy!.FinishedAt, i.Incident.ResolvedAt!.Value)).OfType<long>().ToList();
            var restore = Incidents
                .Where(i => i.Incident.ResolvedAt is { } r && InWindow(r) && inPeriod(DoraMath.Day(r)))
                .Select(i => DoraMath.FloorMinutes(i.Incident.CreatedAt, i.Incident.ResolvedAt!.Value)).OfType<long>().ToList();
            var lead = leadTimes.Select(p => p.LeadTime).OfType<long>().ToList();
            var commitToDeploy = leadTimes.Select(p => p.CommitToDeploy).OfType<long>().ToList();
            var rework = deployments.Count(d => Rework.Contains(d.Id));
            return new DoraRow(
                period,
                deployments.Count,
                deployments.Select(d => DoraMath.Day(d.FinishedAt)).Distinct().Count(),
                Failed.Count(d => inPeriod(DoraMath.Day(d.FinishedAt))),
                withIncident,
                deployments.Count == 0 ? null : (double)withIncident / deployments.Count,
                new Distribution(lead.Count, DoraMath.Median(lead), DoraMath.P90(lead)),
                new Summary(commitToDeploy.Count, DoraMath.Median(commitToDeploy)),
                new Summary(fdrt.Count, DoraMath.Median(fdrt)),
                new Summary(restore.Count, DoraMath.Median(restore)),
                rework,
                deployments.Count == 0 ? null : (double)rework / deployments.Count);
        }
    }
}
