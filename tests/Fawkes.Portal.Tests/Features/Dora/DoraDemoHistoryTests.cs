using Fawkes.Portal.Features.Dora.Calculation;
using Fawkes.Portal.Features.Dora.Demo;
using Fawkes.Portal.Features.Dora.Events;

namespace Fawkes.Portal.Tests.Features.Dora;

public sealed class DoraDemoHistoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 6, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Demo_history_is_valid_input_has_nothing_from_the_future_and_is_deterministic()
    {
        var events = DoraDemoHistory.Generate(Now);

        Assert.All(events, e => Assert.Empty(DoraEventParser.Parse(e.Json).Errors));
        Assert.All(events, e => Assert.True(e.At <= Now, $"{e.Type} {e.Id} at {e.At:O} is in the future"));
        Assert.Equal(events.Select(e => e.Id), DoraDemoHistory.Generate(Now).Select(e => e.Id));
    }

    [Fact]
    public void Demo_history_gives_every_metric_a_value()
    {
        var events = DoraDemoHistory.Generate(Now);
        var input = new DoraInput(
            [.. events.Where(e => e.Type == "deployment").Select(e => DoraEventJson.Deployment(e.Json))],
            [.. events.Where(e => e.Type == "pull_request").Select(e => DoraEventJson.PullRequest(e.Json))],
            [.. events.Where(e => e.Type == "incident").Select(e => DoraEventJson.Incident(e.Json))]);

        var summary = DoraCalculator.Summarize(input, DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-89), DateOnly.FromDateTime(Now.UtcDateTime));

        Assert.True(summary.Totals.Deployments > 100);
        Assert.True(summary.Totals.LeadTime.N > 100);
        Assert.InRange(summary.Totals.ChangeFailureRate!.Value, 0.01, 0.3);
        Assert.True(summary.Totals.Fdrt.N > 5);
        Assert.True(summary.Totals.FailedDeployments > 0);
    }
}
