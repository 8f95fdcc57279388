using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Dora.Pollers;
using Fawkes.Portal.Integrations.Jenkins;

namespace Fawkes.Portal.Tests.Features.Dora;

/// <summary>The event mapping the pollers share with the receivers: ids must match whichever way the same sync or build arrives.</summary>
public sealed class PollerEventTests
{
    [Theory]
    [InlineData("2024-05-02T10:00:00Z")]
    [InlineData("2024-05-02T10:00:00+00:00")]
    [InlineData("2024-05-02T12:00:00+02:00")]
    [InlineData("2024-05-02T10:00:00.000Z")]
    public void ArgoCd_id_is_the_same_for_every_writing_of_one_instant(string startedAt) =>
        Assert.Equal("argocd-payments-api-2024-05-02T10:00:00Z", ArgoCdDeploymentEvent.Id("payments-api", startedAt));

    [Theory]
    [InlineData("2024-05-02T10:00:00.25Z", "argocd-a-2024-05-02T10:00:00.25Z")]
    [InlineData(null, "argocd-a-")]
    [InlineData("not a time", "argocd-a-not a time")]
    public void ArgoCd_id_keeps_fractions_and_passes_unreadable_times_through(string? startedAt, string expected) =>
        Assert.Equal(expected, ArgoCdDeploymentEvent.Id("a", startedAt));

    [Fact]
    public void ArgoCd_history_entry_without_start_uses_its_deploy_time_and_the_first_source_revision()
    {
        var entry = JsonNode.Parse("""{"id":3,"revisions":["abc","values-rev"],"deployedAt":"2024-05-02T10:01:00Z"}""")!.AsObject();

        var e = ArgoCdDeploymentEvent.FromHistory("shop", "shop-web", null, entry);

        Assert.Equal(("argocd-shop-2024-05-02T10:01:00Z", "2024-05-02T10:01:00Z", "abc", "production"),
            (S(e, "id"), S(e, "startedAt"), S(e, "revision"), S(e, "environment")));
        Assert.False(e.ContainsKey("commits"));
    }

    [Fact]
    public void ArgoCd_environment_label_names_the_environment()
    {
        var entry = JsonNode.Parse("""{"id":0,"revision":"abc","deployStartedAt":"2024-05-02T10:00:00Z","deployedAt":"2024-05-02T10:01:00Z"}""")!.AsObject();

        var e = ArgoCdDeploymentEvent.FromHistory("shop", "shop-web", new JsonObject { ["environment"] = "staging" }, entry);

        Assert.Equal(("staging", "success", "argocd-poller"), (S(e, "environment"), S(e, "result"), S(e, "source")));
    }

    [Theory]
    [InlineData("""{"number":5,"result":null,"building":true,"timestamp":1,"duration":0}""")]
    [InlineData("""{"number":5,"result":null,"building":false,"timestamp":1,"duration":0}""")]
    public void Jenkins_unfinished_builds_are_skipped(string build) =>
        Assert.Null(JenkinsBuildEvent.FromApiBuild("a/b", "b", JsonNode.Parse(build)!.AsObject()));

    [Fact]
    public void Jenkins_build_reads_the_git_plugins_build_data_among_other_actions()
    {
        var build = JsonNode.Parse("""
            {"number":41,"result":"SUCCESS","building":false,"timestamp":1736416800000,"duration":120000,
             "actions":[{"_class":"hudson.model.CauseAction"},{},{"_class":"hudson.plugins.git.util.BuildData",
               "lastBuiltRevision":{"SHA1":"abc123","branch":[{"SHA1":"abc123","name":"origin/main"}]}}]}
            """)!.AsObject();

        var e = JenkinsBuildEvent.FromApiBuild("payments/payments-api/main", "payments-api", build)!;

        Assert.Equal(("jenkins-payments/payments-api/main-41", "success", "abc123", "origin/main"), (S(e, "id"), S(e, "result"), S(e, "commitSha"), S(e, "branch")));
        Assert.Equal(("2025-01-09T10:00:00.0000000+00:00", "2025-01-09T10:02:00.0000000+00:00"), (S(e, "startedAt"), S(e, "finishedAt")));
    }

    [Theory]
    [InlineData("payments/payments-api/main", "job/payments/job/payments-api/job/main/")]
    [InlineData("solo", "job/solo/")]
    [InlineData("team a/job#1", "job/team%20a/job/job%231/")]
    public void Jenkins_folders_nest_as_job_segments(string fullName, string path) =>
        Assert.Equal(path, JenkinsClient.JobPath(fullName));

    [Theory]
    [InlineData("payments/payments-api/main", "payments/payments-api/main")]
    [InlineData("ci-east:payments/payments-api/main", "payments/payments-api/main")]
    public void Jenkins_annotation_instance_prefix_is_dropped(string annotation, string job) =>
        Assert.Equal(job, JenkinsPoller.JobFullName(annotation));

    private static string? S(JsonObject e, string field) => e[field]?.GetValue<string>();
}
