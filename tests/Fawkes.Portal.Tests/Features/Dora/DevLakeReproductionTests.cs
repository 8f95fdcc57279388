using Fawkes.Portal.Features.Dora.Calculation;

namespace Fawkes.Portal.Tests.Features.Dora;

/// <summary>
/// Apache DevLake's DORA e2e cases (calculateChangeLeadTime, ConnectIncidentToDeployment), re-expressed in this
/// calculator's model: DevLake's per-repository "commits_diffs" become each deployment's list of newly shipped commits.
/// </summary>
public sealed class DevLakeReproductionTests
{
    private static DateTimeOffset T(string s) => DateTimeOffset.Parse(s + "Z", System.Globalization.CultureInfo.InvariantCulture);

    private static DeploymentEvent D(string id, string env, string result, string started, string finished, params string[] commits) =>
        new(id, "project1", env, result, T(started), T(finished), commits);

    // change_lead_time/cicd_deployment_commits.csv (project1 = cicd1 + cicd2), with commits_diffs.csv as shipped commits.
    private static readonly DeploymentEvent[] LeadTimeDeployments =
    [
        D("1", "PRODUCTION", "SUCCESS", "2023-04-10T06:51:47", "2023-04-10T06:52:47", "pr_merge_commit0"),
        D("2", "PRODUCTION", "SUCCESS", "2023-04-10T06:53:51", "2023-04-10T06:54:51"),
        D("3", "PRODUCTION", "SUCCESS", "2023-04-13T07:21:16", "2023-04-13T07:22:16"),
        D("4", "PRODUCTION", "SUCCESS", "2023-04-13T07:22:14", "2023-04-13T07:23:14"),
        D("5", "PRODUCTION", "SUCCESS", "2023-04-13T07:28:14", "2023-04-13T07:29:14", "pr_merge_commit1", "pr_merge_commit2"),
        D("6", "PRODUCTION", "SUCCESS", "2023-04-13T07:29:34", "2023-04-13T07:30:34", "pr_merge_commit3"),
        D("7", "STAGING", "SUCCESS", "2023-04-13T07:31:53", "2023-04-13T07:32:53"),
        D("8", "STAGING", "SUCCESS", "2023-04-13T07:36:30", "2023-04-13T07:37:30", "pr_merge_commit4"),
        D("9", "PRODUCTION", "SUCCESS", "2023-04-13T07:51:26", "2023-04-13T07:52:26"),
        D("10", "PRODUCTION", "SUCCESS", "2023-04-13T07:53:31", "2023-04-13T07:54:31"),
        D("11", "PRODUCTION", "FAILURE", "2023-04-13T07:54:39", "2023-04-13T07:55:39", "pr_merge_commit5"),
        D("12", "PRODUCTION", "SUCCESS", "2023-04-13T07:55:01", "2023-04-13T07:56:01"),
        D("13", "PRODUCTION", "SUCCESS", "2023-04-13T07:56:39", "2023-04-13T07:57:39"),
    ];

    // pull_requests.csv with the earliest authored commit of pull_request_commits.csv as first commit.
    private static readonly PullRequestEvent[] PullRequests =
    [
        new("pr0", "project1", T("2022-01-11T04:51:47"), T("2022-02-10T04:51:47"), "pr_merge_commit0", T("2022-01-10T04:51:47")),
        new("pr1", "project1", T("2023-04-11T04:51:47"), T("2023-04-11T05:51:47"), "pr_merge_commit1", T("2023-04-10T04:51:47")),
        new("pr2", "project1", T("2023-04-12T04:51:47"), T("2023-04-12T05:51:47"), "pr_merge_commit2", T("2023-04-13T04:51:47")),
        new("pr3", "project1", T("2023-04-11T06:53:51"), T("2023-04-14T06:53:51"), "pr_merge_commit3", T("2023-04-07T04:51:47")),
        new("pr4", "project1", T("2023-04-11T06:53:51"), T("2023-04-14T06:53:51"), "pr_merge_commit4", T("2023-04-05T04:51:47")),
        new("pr5", "project1", T("2023-04-11T06:53:51"), T("2023-04-14T06:53:51"), "pr_merge_commit5", T("2023-04-04T04:51:47")),
    ];

    [Fact]
    public void Change_lead_time_matches_project_pr_metrics()
    {
        var deployed = DoraAttribution.DeployedPullRequests(new DoraInput(LeadTimeDeployments, PullRequests, []))
            .ToDictionary(p => p.PullRequest.Id);

        // project_pr_metrics.csv: pr0 (first-ever deployment), pr4 (staging only), pr5 (failed only) are not deployed.
        Assert.Equal(["pr1", "pr2", "pr3"], deployed.Keys.Order());
        Assert.Equal(("5", 1440L, 2978L, 4478L), (deployed["pr1"].Deployment.Id, deployed["pr1"].Coding!.Value, deployed["pr1"].Deploy!.Value, deployed["pr1"].LeadTime!.Value));
        Assert.Equal(("5", (long?)null, 1538L, 1598L), (deployed["pr2"].Deployment.Id, deployed["pr2"].Coding, deployed["pr2"].Deploy!.Value, deployed["pr2"].LeadTime!.Value));
        Assert.Equal(("6", 5883L, (long?)null, 10203L), (deployed["pr3"].Deployment.Id, deployed["pr3"].Coding!.Value, deployed["pr3"].Deploy, deployed["pr3"].LeadTime!.Value));
    }

    [Fact]
    public void Incidents_connect_to_the_latest_earlier_successful_production_deployment()
    {
        // connect_incident_to_deployment: deployment rows (id = row, cicd_deployment_id in the comment), project1 = cicd1 + cicd2.
        DeploymentEvent[] deployments =
        [
            D("1", "PRODUCTION", "SUCCESS", "2022-09-10T06:51:47", "2022-09-11T06:51:47"), // pipeline1
            D("2", "PRODUCTION", "SUCCESS", "2022-09-10T06:53:51", "2022-09-12T06:51:47"), // pipeline1
            D("3", "PRODUCTION", "SUCCESS", "2022-09-13T07:21:16", "2022-09-14T06:51:47"), // pipeline2
            D("4", "PRODUCTION", "SUCCESS", "2022-09-13T07:22:14", "2022-09-15T06:51:47"), // pipeline2
            D("5", "PRODUCTION", "SUCCESS", "2022-09-13T07:28:14", "2022-09-16T06:51:47"), // pipeline4
            D("6", "PRODUCTION", "SUCCESS", "2022-09-13T07:29:34", "2022-09-17T06:51:47"), // pipeline4
            D("7", "STAGING", "SUCCESS", "2022-09-13T07:31:53", "2022-09-18T06:51:47"),    // pipeline5
            D("8", "STAGING", "SUCCESS", "2022-09-13T07:36:30", "2022-09-19T06:51:47"),    // pipeline5
            D("9", "PRODUCTION", "SUCCESS", "2022-09-13T07:51:26", "2022-09-20T06:51:47"), // pipeline6
            D("10", "PRODUCTION", "SUCCESS", "2022-09-13T07:53:31", "2022-09-21T06:51:47"), // pipeline6
            D("11", "PRODUCTION", "FAILURE", "2022-09-13T07:54:39", "2022-09-22T06:51:47"), // pipeline7
            D("12", "PRODUCTION", "SUCCESS", "2022-09-13T07:55:01", "2022-09-23T06:51:47"), // pipeline7
            D("13", "PRODUCTION", "SUCCESS", "2022-09-13T07:56:39", "2022-09-24T06:51:47"), // pipeline7
        ];
        var pipeline = new Dictionary<string, string> { ["3"] = "pipeline2", ["4"] = "pipeline2", ["13"] = "pipeline7", ["12"] = "pipeline7" };
        IncidentEvent[] incidents =
        [
            new("1367714738", "project1", T("2022-11-13T23:37:21"), null),
            new("1370816458", "project1", T("2022-11-13T01:07:21"), null),
            new("1371320153", "project1", T("2022-11-02T08:21:09"), null),
            new("1372381019", "project1", T("2022-11-28T01:46:47"), null),
            new("1372644519", "project1", T("2022-11-16T21:34:01"), null),
            new("1373792478", "project1", T("2022-09-15T01:56:16"), null),
        ];

        var attributed = DoraAttribution.AttributeIncidents(new DoraInput(deployments, [], incidents))
            .ToDictionary(i => i.Incident.Id, i => pipeline[i.CausedBy!.Id]);

        // snapshot_tables/project_incident_deployment_relationships.csv
        Assert.Equal(new Dictionary<string, string>
        {
            ["1367714738"] = "pipeline7", ["1370816458"] = "pipeline7", ["1371320153"] = "pipeline7",
            ["1372381019"] = "pipeline7", ["1372644519"] = "pipeline7", ["1373792478"] = "pipeline2",
        }, attributed);
    }
}
