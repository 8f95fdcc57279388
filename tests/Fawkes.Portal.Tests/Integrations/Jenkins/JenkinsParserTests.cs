using System.Text.Json.Nodes;
using Fawkes.Portal.Integrations.Jenkins;

namespace Fawkes.Portal.Tests.Integrations.Jenkins;

/// <summary>Answers shaped like Jenkins' JSON API and wfapi, written for these tests.</summary>
public sealed class JenkinsParserTests
{
    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    [Fact]
    public void Build_reads_result_duration_start_branch_commit_and_tests()
    {
        var build = JenkinsParser.Build(Json("""
            {"number":7,"result":"UNSTABLE","building":false,"timestamp":1700000000000,"duration":61000,"url":"http://ci/job/a/7/",
             "actions":[{"_class":"hudson.model.CauseAction"},{},
               {"lastBuiltRevision":{"SHA1":"abc123","branch":[{"SHA1":"abc123","name":"refs/remotes/origin/release/1.2"}]}},
               {"failCount":2,"skipCount":1,"totalCount":50}]}
            """))!;

        Assert.Equal(new JenkinsBuildView(7, "UNSTABLE", 61000, DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), "release/1.2", "abc123",
            new JenkinsTestSummary(50, 2, 1), "http://ci/job/a/7/"), build);
    }

    [Fact]
    public void Build_in_progress_has_no_result_or_duration_yet()
    {
        var build = JenkinsParser.Build(Json("""{"number":8,"result":null,"building":true,"timestamp":1700000000000,"duration":0,"actions":[]}"""))!;

        Assert.Equal("BUILDING", build.Result);
        Assert.Null(build.DurationMs);
        Assert.Null(build.Tests);
    }

    [Fact]
    public void Build_without_a_number_is_skipped_and_odd_fields_are_ignored()
    {
        var builds = JenkinsParser.Builds(Json("""{"builds":[{"result":"SUCCESS"},{"number":3,"result":5,"actions":"x"}]}"""));

        Assert.Equal(3, Assert.Single(builds).Number);
        Assert.Equal("NOT_BUILT", builds[0].Result);
    }

    [Fact]
    public void Run_and_failed_step_and_tail()
    {
        var run = JenkinsParser.Run(9, Json("""
            {"status":"FAILED","stages":[
              {"id":"6","name":"Build","status":"SUCCESS","startTimeMillis":1700000000000,"durationMillis":1000},
              {"id":"9","name":"Test","status":"FAILED","startTimeMillis":1700000001000,"durationMillis":2000},
              {"id":"12","name":"Deploy","status":"NOT_EXECUTED","startTimeMillis":0,"durationMillis":0}]}
            """));
        var step = JenkinsParser.FailedNodeId(Json("""{"stageFlowNodes":[{"id":"10","status":"SUCCESS"},{"id":"11","status":"FAILED"}]}"""));
        var log = string.Join('\n', Enumerable.Range(1, 100).Select(i => $"line {i}"));
        var tail = JenkinsParser.Tail(new JsonObject { ["text"] = log + "\n" })!;

        Assert.Equal("FAILED", run.Status);
        Assert.Equal(["Build", "Test", "Deploy"], run.Stages.Select(s => s.Name));
        Assert.Null(run.Stages[2].StartedAt);
        Assert.Equal("Test", JenkinsParser.FailedStage(run)!.Name);
        Assert.Equal("11", step);
        Assert.Equal(JenkinsParser.TailLines, tail.Split('\n').Length);
        Assert.EndsWith("line 100", tail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "main")]
    [InlineData("feature/x", null, "feature%2Fx")]
    [InlineData(null, "develop", "develop")]
    [InlineData("gone", "also-gone", "main")]
    public void PickBranch_asked_then_default_then_main(string? requested, string? preferred, string expected)
    {
        Assert.Equal(expected, JenkinsParser.PickBranch(["develop", "main", "feature%2Fx"], requested, preferred));
    }

    [Fact]
    public void PickBranch_falls_back_to_master_then_the_first()
    {
        Assert.Equal("master", JenkinsParser.PickBranch(["dev", "master"], null, null));
        Assert.Equal("dev", JenkinsParser.PickBranch(["dev"], null, null));
        Assert.Null(JenkinsParser.PickBranch([], null, null));
    }

    [Fact]
    public void Multibranch_is_told_by_its_class()
    {
        Assert.True(JenkinsParser.IsMultibranch(Json("""{"_class":"org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject"}""")));
        Assert.False(JenkinsParser.IsMultibranch(Json("""{"_class":"org.jenkinsci.plugins.workflow.job.WorkflowJob"}""")));
    }
}
