namespace Fawkes.Portal.Features.Dora.Calculation;

/// <summary>
/// The DORA figures for a window, per period and in total, exactly by rules R1–R13 (Apache DevLake's DORA semantics).
/// Pure: the caller passes every relevant event (also before the window: R7 attributes incidents to earlier deployments),
/// or the <see cref="DoraFacts"/> already derived from them.
/// </summary>
public static class DoraCalculator
{
    public static IReadOnlyList<DoraRow> Rows(DoraInput input, DateOnly from, DateOnly to, Bucket bucket) => Rows(DoraFacts.Build(input), from, to, bucket);

    public static DoraSummary Summarize(DoraInput input, DateOnly from, DateOnly to) => Summarize(DoraFacts.Build(input), from, to);

    public static IReadOnlyList<DoraRow> Rows(DoraFacts facts, DateOnly from, DateOnly to, Bucket bucket) => Rows([facts], from, to, bucket);

    public static DoraSummary Summarize(DoraFacts facts, DateOnly from, DateOnly to) => Summarize([facts], from, to);

    /// <param name="parts">Facts of one or more services (each built on its own; the rules never cross services).</param>
    public static IReadOnlyList<DoraRow> Rows(IReadOnlyList<DoraFacts> parts, DateOnly from, DateOnly to, Bucket bucket)
    {
        var window = Window.Of(parts, from, to);
        var byPeriod = window.ByPeriod(bucket);
        return [.. DoraMath.Periods(from, to, bucket).Select(period => (byPeriod.GetValueOrDefault(period) ?? Window.Empty).Row(period))];
    }

    public static DoraSummary Summarize(IReadOnlyList<DoraFacts> parts, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var window = Window.Of(parts, from, to);
        var totals = window.Row($"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}");
        var days = window.Counted.Select(d => DoraMath.Day(d.Deployment.FinishedAt)).ToHashSet();
        var weekly = DaysPer(days, from, to, Bucket.Week);
        var monthly = DaysPer(days, from, to, Bucket.Month);
        // Counted deployments finished in (to − 6 months, to].
        var (sixMonthsStart, end) = DoraMath.Bounds(to.AddMonths(-6).AddDays(1), to);
        var daysInLastSixMonths = parts.Sum(p => p.CountedIn(sixMonthsStart, end).Count());
        return new DoraSummary(totals, weekly, monthly,
            DoraLevels.For2023(weekly, monthly, totals),
            DoraLevels.For2021(weekly, monthly, daysInLastSixMonths, totals));
    }

    private static List<PeriodDays> DaysPer(HashSet<DateOnly> days, DateOnly from, DateOnly to, Bucket bucket)
    {
        var counts = days.GroupBy(d => DoraMath.Period(d, bucket)).ToDictionary(g => g.Key, g => g.Count());
        return [.. DoraMath.Periods(from, to, bucket).Select(p => new PeriodDays(p, counts.GetValueOrDefault(p)))];
    }

    /// <summary>
    /// The facts that fall into a window: deployments and lead times by their deployment's finish, recovery times of
    /// incidents resolved inside it (R9 by the causing deployment's period, R10 by the resolution's period).
    /// </summary>
    private sealed record Window(
        IReadOnlyList<CountedDeployment> Counted, IReadOnlyList<DeploymentEvent> Failed, IReadOnlyList<DeployedPullRequest> PullRequests,
        IReadOnlyList<(DateOnly Day, long Minutes)> Fdrt, IReadOnlyList<(DateOnly Day, long Minutes)> Restore)
    {
        public static Window Empty { get; } = new([], [], [], [], []);

        public static Window Of(IReadOnlyList<DoraFacts> parts, DateOnly from, DateOnly to)
        {
            var (start, end) = DoraMath.Bounds(from, to);
            var resolved = parts.SelectMany(p => p.ResolvedIn(start, end)).ToList();
            return new Window(
                [.. parts.SelectMany(p => p.CountedIn(start, end))],
                [.. parts.SelectMany(p => p.DeploymentsIn(start, end)).Where(d => d.FailedInMeasuredEnvironment)],
                [.. parts.SelectMany(p => p.PullRequestsIn(start, end))],
                [.. resolved.Where(i => i.CausedBy is not null)
                    .Select(i => (DoraMath.Day(i.CausedBy!.FinishedAt), DoraMath.FloorMinutes(i.CausedBy.FinishedAt, i.Incident.ResolvedAt!.Value)))
                    .Where(x => x.Item2 is not null).Select(x => (x.Item1, x.Item2!.Value))],
                [.. resolved.Select(i => (DoraMath.Day(i.Incident.ResolvedAt!.Value), DoraMath.FloorMinutes(i.Incident.CreatedAt, i.Incident.ResolvedAt!.Value)))
                    .Where(x => x.Item2 is not null).Select(x => (x.Item1, x.Item2!.Value))]);
        }

        /// <summary>One pass that splits the window by period (R2), instead of filtering it once per period.</summary>
        public Dictionary<string, Window> ByPeriod(Bucket bucket)
        {
            string P(DateTimeOffset at) => DoraMath.Period(DoraMath.Day(at), bucket);
            var counted = Counted.ToLookup(d => P(d.Deployment.FinishedAt));
            var failed = Failed.ToLookup(d => P(d.FinishedAt));
            var prs = PullRequests.ToLookup(p => P(p.Deployment.FinishedAt));
            var fdrt = Fdrt.ToLookup(x => DoraMath.Period(x.Day, bucket));
            var restore = Restore.ToLookup(x => DoraMath.Period(x.Day, bucket));
            var periods = counted.Select(g => g.Key).Concat(failed.Select(g => g.Key)).Concat(prs.Select(g => g.Key))
                .Concat(fdrt.Select(g => g.Key)).Concat(restore.Select(g => g.Key)).Distinct(StringComparer.Ordinal);
            return periods.ToDictionary(p => p, p => new Window([.. counted[p]], [.. failed[p]], [.. prs[p]], [.. fdrt[p]], [.. restore[p]]), StringComparer.Ordinal);
        }

        public DoraRow Row(string period)
        {
            var withIncident = Counted.Count(d => d.WithIncident);
            var rework = Counted.Count(d => d.Rework);
            var lead = PullRequests.Select(p => p.LeadTime).OfType<long>().ToList();
            var commitToDeploy = PullRequests.Select(p => p.CommitToDeploy).OfType<long>().ToList();
            return new DoraRow(
                period,
                Counted.Count,
                Counted.Select(d => DoraMath.Day(d.Deployment.FinishedAt)).Distinct().Count(),
                Failed.Count,
                withIncident,
                Counted.Count == 0 ? null : (double)withIncident / Counted.Count,
                new Distribution(lead.Count, DoraMath.Median(lead), DoraMath.P90(lead)),
                new Summary(commitToDeploy.Count, DoraMath.Median(commitToDeploy)),
                new Summary(Fdrt.Count, DoraMath.Median(Fdrt.Select(x => x.Minutes))),
                new Summary(Restore.Count, DoraMath.Median(Restore.Select(x => x.Minutes))),
                rework,
                Counted.Count == 0 ? null : (double)rework / Counted.Count);
        }
    }
}
