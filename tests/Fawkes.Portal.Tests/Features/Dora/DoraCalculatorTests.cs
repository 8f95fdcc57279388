using Fawkes.Portal.Features.Dora.Calculation;

namespace Fawkes.Portal.Tests.Features.Dora;

/// <summary>The edge cases the DORA issue names, each against rules R1–R13.</summary>
public sealed class DoraCalculatorTests
{
    private static DateTimeOffset T(string s) => DateTimeOffset.Parse(s + "Z", System.Globalization.CultureInfo.InvariantCulture);

    private static DeploymentEvent Deploy(string id, string started, string finished, string result = "success", string env = "production", string service = "pay", params string[] commits) =>
        new(id, service, env, result, T(started), T(finished), commits);

    private static PullRequestEvent Pr(string id, string created, string merged, string sha, string? firstCommit = null, string service = "pay") =>
        new(id, service, T(created), T(merged), sha, firstCommit is null ? null : T(firstCommit));

    private static IncidentEvent Incident(string id, string created, string? resolved, string service = "pay") =>
        new(id, service, T(created), resolved is null ? null : T(resolved));

    private static readonly DateOnly Jan1 = new(2024, 1, 1), Jan31 = new(2024, 1, 31);

    private static DoraRow Month(DoraInput input) => DoraCalculator.Rows(input, Jan1, Jan31, Bucket.Month).Single();

    // A baseline before the window: the first deployment of a service never attributes pull requests (R4).
    private static readonly DeploymentEvent Baseline = Deploy("base", "2023-12-20T10:00:00", "2023-12-20T10:10:00");

    [Fact]
    public void A_deployment_crossing_midnight_belongs_to_the_day_it_finished()
    {
        var input = new DoraInput([Baseline, Deploy("d1", "2024-01-31T23:50:00", "2024-02-01T00:10:00")], [], []);

        var rows = DoraCalculator.Rows(input, Jan1, new DateOnly(2024, 2, 29), Bucket.Month);

        Assert.Equal([0, 1], rows.Select(r => r.Deployments));
        Assert.Equal("2024-02", rows[1].Period);
    }

    [Fact]
    public void A_failed_sync_then_a_retry_counts_one_deployment_and_one_failure_and_the_retry_ships_the_pr()
    {
        var input = new DoraInput(
            [Baseline, Deploy("try1", "2024-01-10T10:00:00", "2024-01-10T10:05:00", "failure", commits: "m1"), Deploy("try2", "2024-01-10T11:00:00", "2024-01-10T11:05:00", commits: "m1")],
            [Pr("pr1", "2024-01-09T09:00:00", "2024-01-10T09:00:00", "m1", "2024-01-08T09:00:00")], []);

        var row = Month(input);

        Assert.Equal((1, 1), (row.Deployments, row.FailedDeployments));
        Assert.Equal(1, row.LeadTime.N);
        Assert.Equal(1440 + 1440 + 125, row.LeadTime.Median);
    }

    [Fact]
    public void A_resync_with_no_new_commits_counts_but_ships_no_pull_request()
    {
        var input = new DoraInput(
            [Baseline, Deploy("d1", "2024-01-10T10:00:00", "2024-01-10T10:05:00", commits: "m1"), Deploy("resync", "2024-01-11T10:00:00", "2024-01-11T10:05:00")],
            [Pr("pr1", "2024-01-09T09:00:00", "2024-01-10T09:00:00", "m1")], []);

        var row = Month(input);

        Assert.Equal((2, 2, 1), (row.Deployments, row.DeploymentDays, row.LeadTime.N));
    }

    [Fact]
    public void Two_prs_in_one_deployment_each_get_a_lead_time_and_the_lower_median_is_reported()
    {
        var input = new DoraInput(
            [Baseline, Deploy("d1", "2024-01-10T10:00:00", "2024-01-10T12:00:00", commits: ["m1", "m2"])],
            [Pr("pr1", "2024-01-10T08:00:00", "2024-01-10T09:00:00", "m1"), Pr("pr2", "2024-01-10T10:30:00", "2024-01-10T11:00:00", "m2")], []);

        var row = Month(input);

        // pr1: 60 (open → merged) + 180 (merged → deployed) = 240; pr2: 30 + 60 = 90. Lower median of [90, 240] is 90.
        Assert.Equal((2, 90L, 240L), (row.LeadTime.N, row.LeadTime.Median!.Value, row.LeadTime.P90!.Value));
    }

    [Fact]
    public void A_hotfix_during_an_open_incident_is_rework_and_the_incident_is_charged_to_the_earlier_deployment()
    {
        var input = new DoraInput(
            [Baseline, Deploy("bad", "2024-01-10T10:00:00", "2024-01-10T10:05:00"), Deploy("hotfix", "2024-01-10T11:00:00", "2024-01-10T11:05:00")],
            [], [Incident("i1", "2024-01-10T10:30:00", "2024-01-10T11:30:00")]);

        var row = Month(input);

        Assert.Equal((2, 1, 0.5), (row.Deployments, row.DeploymentsWithIncident, row.ChangeFailureRate!.Value));
        Assert.Equal((1, 0.5), (row.ReworkDeployments, row.ReworkRate!.Value));
        Assert.Equal((1, 85L), (row.Fdrt.N, row.Fdrt.Median!.Value));      // 10:05 → 11:30
        Assert.Equal((1, 60L), (row.TimeToRestore.N, row.TimeToRestore.Median!.Value)); // 10:30 → 11:30
    }

    [Fact]
    public void An_unresolved_incident_counts_as_a_change_failure_but_not_as_a_recovery_and_keeps_deployments_in_rework()
    {
        var input = new DoraInput(
            [Baseline, Deploy("bad", "2024-01-10T10:00:00", "2024-01-10T10:05:00"), Deploy("later", "2024-01-20T10:00:00", "2024-01-20T10:05:00")],
            [], [Incident("open", "2024-01-10T12:00:00", null)]);

        var row = Month(input);

        Assert.Equal((1, 0, 0, 1), (row.DeploymentsWithIncident, row.Fdrt.N, row.TimeToRestore.N, row.ReworkDeployments));
    }

    [Fact]
    public void An_incident_before_any_deployment_is_unattributed()
    {
        var input = new DoraInput([Deploy("d1", "2024-01-10T10:00:00", "2024-01-10T10:05:00")], [], [Incident("early", "2024-01-05T10:00:00", "2024-01-05T11:00:00")]);

        var attributed = DoraAttribution.AttributeIncidents(input).Single();

        Assert.Null(attributed.CausedBy);
        Assert.Equal((0, 1), (Month(input).DeploymentsWithIncident, Month(input).TimeToRestore.N));
    }

    [Fact]
    public void A_pr_whose_first_commit_is_after_its_creation_skips_the_coding_part()
    {
        var input = new DoraInput([Baseline, Deploy("d1", "2024-01-10T10:00:00", "2024-01-10T10:30:00", commits: "m1")],
            [Pr("pr1", "2024-01-10T08:00:00", "2024-01-10T09:00:00", "m1", firstCommit: "2024-01-10T08:30:00")], []);

        var pr = DoraAttribution.DeployedPullRequests(input).Single();

        Assert.Equal(((long?)null, 60L, 90L, 150L), (pr.Coding, pr.Review!.Value, pr.Deploy!.Value, pr.LeadTime!.Value));
    }

    [Fact]
    public void A_merged_pr_that_was_never_deployed_is_left_out()
    {
        var input = new DoraInput([Baseline, Deploy("d1", "2024-01-10T10:00:00", "2024-01-10T10:30:00", commits: "m1")],
            [Pr("shipped", "2024-01-10T08:00:00", "2024-01-10T09:00:00", "m1"), Pr("waiting", "2024-01-10T08:00:00", "2024-01-10T09:00:00", "m2")], []);

        Assert.Equal(["shipped"], DoraAttribution.DeployedPullRequests(input).Select(p => p.PullRequest.Id));
    }

    [Fact]
    public void Baseline_deployments_before_the_window_enable_attribution_but_do_not_count_in_it()
    {
        var input = new DoraInput(
            [Baseline, Deploy("d1", "2024-01-10T10:00:00", "2024-01-10T10:30:00", commits: "m1")],
            [Pr("pr1", "2024-01-10T08:00:00", "2024-01-10T09:00:00", "m1")],
            [Incident("i0", "2023-12-22T10:00:00", "2024-01-02T10:00:00")]);

        var row = Month(input);

        Assert.Equal((1, 1), (row.Deployments, row.LeadTime.N));
        // The incident is charged to the baseline (December): not a January change failure; its recovery resolves in January
        // but its causing deployment finished in December, so January's FDRT does not include it; time to restore does.
        Assert.Equal((0, 0, 1), (row.DeploymentsWithIncident, row.Fdrt.N, row.TimeToRestore.N));
    }

    [Fact]
    public void Services_are_attributed_separately_and_combined_in_totals()
    {
        var input = new DoraInput(
            [Baseline, Deploy("p1", "2024-01-10T10:00:00", "2024-01-10T10:05:00"), Deploy("c0", "2024-01-02T10:00:00", "2024-01-02T10:05:00", service: "cart")],
            [], [Incident("cart-incident", "2024-01-11T10:00:00", "2024-01-11T11:00:00", service: "cart")]);

        var attributed = DoraAttribution.AttributeIncidents(input).Single();

        Assert.Equal("c0", attributed.CausedBy!.Id);
        Assert.Equal((2, 1), (Month(input).Deployments, Month(input).DeploymentsWithIncident));
    }
}
