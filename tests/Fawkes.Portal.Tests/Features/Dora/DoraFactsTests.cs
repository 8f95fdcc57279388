using Fawkes.Portal.Features.Dora.Calculation;

namespace Fawkes.Portal.Tests.Features.Dora;

/// <summary>
/// The read path keeps facts per service and finds windows by binary search; these check it against the direct
/// definitions (one calculation over every event; rework by scanning every incident) on random histories.
/// </summary>
public sealed class DoraFactsTests
{
    private static DoraInput RandomHistory(int seed, int services)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset At() => start.AddMinutes(random.Next(0, 120 * 24 * 60));
        var deployments = new List<DeploymentEvent>();
        var prs = new List<PullRequestEvent>();
        var incidents = new List<IncidentEvent>();
        for (var s = 0; s < services; s++)
        {
            var service = $"svc-{s}";
            for (var i = 0; i < 60; i++)
            {
                var sha = $"{s}-{i}";
                var merged = At();
                prs.Add(new($"pr-{sha}", service, merged.AddHours(-random.Next(1, 50)), merged, sha, random.Next(4) == 0 ? null : merged.AddHours(-random.Next(1, 80))));
                var started = At();
                deployments.Add(new($"d-{sha}", service, random.Next(10) == 0 ? "staging" : "production", random.Next(8) == 0 ? "failure" : "success",
                    started, started.AddMinutes(random.Next(1, 90)), [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => $"{s}-{random.Next(60)}")]));
                if (random.Next(4) == 0)
                {
                    var created = At();
                    incidents.Add(new($"i-{sha}", service, created, random.Next(5) == 0 ? null : created.AddMinutes(random.Next(1, 5000))));
                }
            }
        }
        return new DoraInput(deployments, prs, incidents);
    }

    private static IReadOnlyList<DoraFacts> PerService(DoraInput input) =>
        [.. input.Deployments.Select(d => d.Service).Distinct().Select(service => DoraFacts.Build(new DoraInput(
            [.. input.Deployments.Where(d => d.Service == service)], [.. input.PullRequests.Where(p => p.Service == service)],
            [.. input.Incidents.Where(i => i.Service == service)])))];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Facts_kept_per_service_give_the_figures_of_one_calculation_over_every_event(int seed)
    {
        var input = RandomHistory(seed, services: 4);
        var parts = PerService(input);
        var (from, to) = (new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 31));

        Assert.Equal(DoraCalculator.Rows(input, from, to, Bucket.Week), DoraCalculator.Rows(parts, from, to, Bucket.Week));
        var whole = DoraCalculator.Summarize(input, from, to);
        var split = DoraCalculator.Summarize(parts, from, to);
        Assert.Equal(whole.Totals, split.Totals);
        Assert.Equal(whole.WeeklyDeploymentDays, split.WeeklyDeploymentDays);
        Assert.Equal((whole.Levels2023, whole.Levels2021), (split.Levels2023, split.Levels2021));
        Assert.True(whole.Totals.Deployments > 0 && whole.Totals.LeadTime.N > 0 && whole.Totals.TimeToRestore.N > 0, "the history exercises every rule");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Rework_by_sweep_equals_rework_by_scanning_every_incident(int seed)
    {
        var input = RandomHistory(seed, services: 3);
        var windowEnd = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero); // after every deployment

        var facts = DoraFacts.Build(input);

        var expected = input.Deployments.Where(d => DoraAttribution.IsRework(d, input.Incidents, windowEnd)).Select(d => d.Id).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, facts.Counted.Where(c => c.Rework).Select(c => c.Deployment.Id).Order());
    }

    [Fact]
    public void A_window_holds_exactly_the_facts_whose_day_falls_inside_it()
    {
        var input = RandomHistory(6, services: 2);
        var facts = DoraFacts.Build(input);
        var (start, end) = (new DateTimeOffset(2024, 2, 10, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 2, 20, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(
            input.Deployments.Where(d => d.Counts && d.FinishedAt >= start && d.FinishedAt < end).Select(d => d.Id).Order(),
            facts.CountedIn(start, end).Select(c => c.Deployment.Id).Order());
        Assert.Equal(
            input.Incidents.Where(i => i.ResolvedAt >= start && i.ResolvedAt < end).Select(i => i.Id).Order(),
            facts.ResolvedIn(start, end).Select(i => i.Incident.Id).Order());
    }
}
