using System.Text.Json.Nodes;
using Fawkes.Portal.Integrations.SonarQube;

namespace Fawkes.Portal.Tests.Integrations.SonarQube;

public sealed class SonarQubeMapperTests
{
    private static JsonObject Status(string status, params (string Status, string Metric, string Comparator, string Threshold, string Actual)[] conditions) => new()
    {
        ["projectStatus"] = new JsonObject
        {
            ["status"] = status,
            ["conditions"] = new JsonArray([.. conditions.Select(c => (JsonNode)new JsonObject
            {
                ["status"] = c.Status, ["metricKey"] = c.Metric, ["comparator"] = c.Comparator, ["errorThreshold"] = c.Threshold, ["actualValue"] = c.Actual,
            })]),
        },
    };

    [Fact]
    public void A_passing_gate_has_no_problems_and_its_conditions_are_shown_in_plain_units()
    {
        var gate = SonarQubeMapper.Gate(Status("OK", ("OK", "new_coverage", "LT", "80", "86.43"), ("OK", "new_reliability_rating", "GT", "1", "1")));

        Assert.Equal("OK", gate.Status);
        Assert.Equal("86.4 %", gate.Conditions[0].Actual);
        Assert.Equal("80 %", gate.Conditions[0].Threshold);
        Assert.True(gate.Conditions[0].OnNewCode);
        Assert.Equal("Coverage", gate.Conditions[0].MetricName);
        Assert.Equal("A", gate.Conditions[1].Actual);
        Assert.Empty(SonarQubeMapper.Problems("sq", "p", gate));
    }

    [Fact]
    public void A_failed_gate_is_one_problem_per_failing_condition_with_what_to_do()
    {
        var gate = SonarQubeMapper.Gate(Status("ERROR",
            ("ERROR", "new_coverage", "LT", "80", "61.7"), ("OK", "new_security_rating", "GT", "1", "1"), ("ERROR", "new_reliability_rating", "GT", "1", "3")));

        var problems = SonarQubeMapper.Problems("sq", "fawkes_fraud-check", gate);

        Assert.Equal(2, problems.Count);
        Assert.All(problems, p =>
        {
            Assert.Equal("QualityGateFailed", p.Reason);
            Assert.Equal("error", p.Severity);
            Assert.Equal("QualityGateCondition", p.Kind);
            Assert.Equal("fawkes_fraud-check", p.Namespace);
            Assert.Equal("sq", p.Instance);
            Assert.False(string.IsNullOrWhiteSpace(p.Suggestion));
        });
        Assert.Equal("new_coverage", problems[0].Resource);
        Assert.Equal("Coverage (on new code) is 61.7 %; the gate requires at least 80 %. This fails the quality gate, so the change should not ship as it is.",
            problems[0].Message);
        Assert.Contains("tests", problems[0].Suggestion, StringComparison.Ordinal);
        Assert.Contains("C; the gate allows at most A", problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("Bug", problems[1].Suggestion, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WARN", "WARN", "warning")]
    [InlineData("ERROR", "QualityGateFailed", "error")]
    public void A_gate_that_lists_no_condition_is_still_one_problem(string status, string reason, string severity)
    {
        var problem = Assert.Single(SonarQubeMapper.Problems("sq", "p", SonarQubeMapper.Gate(Status(status))));

        Assert.Equal(reason, problem.Reason);
        Assert.Equal(severity, problem.Severity);
        Assert.Equal("QualityGate", problem.Kind);
    }

    [Fact]
    public void A_project_never_analysed_is_an_info_problem_with_SonarQubes_status()
    {
        var problem = Assert.Single(SonarQubeMapper.Problems("sq", "p", SonarQubeMapper.Gate(Status("NONE"))));

        Assert.Equal("NONE", problem.Reason);
        Assert.Equal("info", problem.Severity);
        Assert.Contains("never analysed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Measures_are_read_by_metric_and_missing_ones_stay_null()
    {
        var json = JsonNode.Parse("""
            {"component":{"key":"k","name":"Payments API","qualifier":"TRK","measures":[
              {"metric":"bugs","value":"4","bestValue":false},{"metric":"coverage","value":"58.9"},
              {"metric":"duplicated_lines_density","value":"6.4"},{"metric":"vulnerabilities","value":"not a number"}]}}
            """)!.AsObject();

        var measures = SonarQubeMapper.Measures(json, out var name);

        Assert.Equal("Payments API", name);
        Assert.Equal(new SonarQubeMeasuresView(4, null, null, 58.9, 6.4), measures);
    }

    [Fact]
    public void Fields_of_another_type_are_left_out_never_fatal()
    {
        var gate = SonarQubeMapper.Gate(JsonNode.Parse("""{"projectStatus":{"status":7,"conditions":[{"metricKey":3},{"metricKey":"x_y","status":"ERROR"}]}}""")!.AsObject());

        Assert.Equal("NONE", gate.Status);
        var condition = Assert.Single(gate.Conditions);
        Assert.Equal("x y", condition.MetricName);
        Assert.Null(condition.Actual);
    }
}
