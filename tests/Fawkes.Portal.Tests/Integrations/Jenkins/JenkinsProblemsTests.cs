using Fawkes.Portal.Integrations.Jenkins;

namespace Fawkes.Portal.Tests.Integrations.Jenkins;

public sealed class JenkinsProblemsTests
{
    private static JenkinsBuildView B(int number, string result, JenkinsTestSummary? tests = null) => new(number, result, 1000, null, "main", "abc", tests, null);

    private static JenkinsRunView Run(int number, string? failedStage) => new(number, "FAILED", [], failedStage, null, null);

    [Theory]
    [InlineData("SUCCESS", null)]
    [InlineData("FAILURE", "FAILURE")]
    [InlineData("UNSTABLE", "UNSTABLE")]
    [InlineData("ABORTED", "ABORTED")]
    [InlineData("NOT_BUILT", null)]
    public void The_last_finished_build_decides(string result, string? reason)
    {
        var problems = JenkinsProblems.Detect("ci", "shop/api/main", [B(5, result), B(4, "FAILURE")], null);

        Assert.Equal(reason, problems.SingleOrDefault()?.Reason);
    }

    [Fact]
    public void A_failure_names_the_stage_and_failed_tests_with_every_field_filled()
    {
        var p = Assert.Single(JenkinsProblems.Detect("ci", "shop/api/main", [B(5, "FAILURE", new(100, 3, 0))], Run(5, "Test")));

        Assert.Equal(("ci", "Build", "shop/api/main #5", "shop/api", "error"), (p.Instance, p.Kind, p.Resource, p.Namespace, p.Severity));
        Assert.Contains("in stage 'Test'", p.Message, StringComparison.Ordinal);
        Assert.Contains("3 of 100 tests failed", p.Message, StringComparison.Ordinal);
        Assert.Contains("Rebuild", p.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void A_running_build_does_not_hide_the_failure_before_it_and_a_passing_one_clears_it()
    {
        Assert.Equal("FAILURE", Assert.Single(JenkinsProblems.Detect("ci", "a", [B(6, "BUILDING"), B(5, "FAILURE")], Run(6, null))).Reason);
        Assert.Empty(JenkinsProblems.Detect("ci", "a", [B(6, "SUCCESS"), B(5, "FAILURE")], null));
        Assert.Empty(JenkinsProblems.Detect("ci", "a", [], null));
    }
}
