using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.IntegrationTests.Live;

/// <summary>The portal's SonarQube client, through the API, against simulated servers on loopback ports.</summary>
public sealed class SonarQubeLiveTests(SonarQubeFixture fixture) : IClassFixture<SonarQubeFixture>
{
    private async Task<JsonObject> GetAsync(string entity)
    {
        using var response = await fixture.Api.GetAsync($"/api/live/component/default/{entity}/sonarqube");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static string S(JsonNode? node) => node!.GetValue<string>();

    private static JsonObject Instance(JsonObject answer) => answer["instances"]!.AsArray().Single()!.AsObject();

    [Fact]
    public async Task A_passing_project_shows_its_gate_measures_and_dashboard_link_and_no_problems()
    {
        var answer = await GetAsync("s-pass");

        Assert.Equal("ok", S(Instance(answer)["status"]));
        Assert.Equal("sq", S(answer["instance"]));
        Assert.Equal("OK", S(answer["qualityGate"]!["status"]));
        Assert.Equal(5, answer["qualityGate"]!["conditions"]!.AsArray().Count);
        Assert.Equal(84.2, answer["measures"]!["coverage"]!.GetValue<double>());
        Assert.Equal(0, answer["measures"]!["bugs"]!.GetValue<int>());
        Assert.Equal(23, answer["measures"]!["codeSmells"]!.GetValue<int>());
        Assert.Equal("Passing Project", S(answer["projectName"]));
        Assert.Equal(new Uri(fixture.Sq.BaseAddress, "dashboard?id=pass").AbsoluteUri, S(answer["dashboardUrl"]));
        Assert.Empty(answer["problems"]!.AsArray());
        // Backstage's way: the token as user with an empty password.
        Assert.Contains(fixture.Sq.RequestLog, r => r == "GET /api/qualitygates/project_status?projectKey=pass [Basic]");
        Assert.Contains(fixture.Sq.RequestLog, r => r.StartsWith("GET /api/measures/component?component=pass&metricKeys=bugs%2Cvulnerabilities%2Ccode_smells%2Ccoverage%2Cduplicated_lines_density", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_gate_is_one_QualityGateFailed_problem_per_failing_condition()
    {
        var answer = await GetAsync("s-fail");

        Assert.Equal("ERROR", S(answer["qualityGate"]!["status"]));
        var problems = answer["problems"]!.AsArray();
        Assert.Equal(["new_reliability_rating", "new_coverage", "new_duplicated_lines_density"], problems.Select(p => S(p!["resource"])));
        foreach (var problem in problems)
        {
            Assert.Equal("QualityGateFailed", S(problem!["reason"]));
            Assert.Equal("error", S(problem["severity"]));
            Assert.Equal("sq", S(problem["instance"]));
            foreach (var field in new[] { "instance", "kind", "resource", "namespace", "severity", "reason", "message", "suggestion" })
            {
                Assert.False(string.IsNullOrWhiteSpace(S(problem[field])), $"{field} is empty");
            }
        }
        Assert.Contains("61.7 %", S(problems[1]!["message"]), StringComparison.Ordinal);
        Assert.Equal(4, answer["measures"]!["bugs"]!.GetValue<int>());
        // The key with a tenant (':') reached SonarQube as one escaped value.
        Assert.Contains(fixture.Sq.RequestLog, r => r.StartsWith("GET /api/qualitygates/project_status?projectKey=tenant%3Afail", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_project_never_analysed_says_so_and_has_no_measures()
    {
        var answer = await GetAsync("s-fresh");

        Assert.Equal("NONE", S(answer["qualityGate"]!["status"]));
        Assert.Equal("NONE", S(answer["problems"]![0]!["reason"]));
        Assert.Null(answer["measures"]!["coverage"]);
    }

    [Fact]
    public async Task An_instance_configured_for_Bearer_sends_the_token_as_SonarQube_10_accepts()
    {
        var answer = await GetAsync("s-bearer");

        Assert.Equal("ok", S(Instance(answer)["status"]));
        Assert.Equal("bearer", S(answer["instance"]));
        Assert.Contains(fixture.Sq.RequestLog, r => r == "GET /api/qualitygates/project_status?projectKey=pass [Bearer]");
    }

    [Theory]
    [InlineData("s-missing", "notFound", "has no project 'nope'")]
    [InlineData("s-unknown", "notConfigured", "'nowhere'")]
    [InlineData("s-refusing", "unauthorized", "(401)")]
    [InlineData("s-failing", "unreachable", "500")]
    [InlineData("s-malformed", "unreachable", "malformed JSON")]
    public async Task Faults_are_explained_per_instance_without_secrets(string entity, string status, string says)
    {
        fixture.Refusing.Faults.RejectToken = true;
        fixture.Failing.Faults.ServerError = true;
        fixture.Malformed.Faults.MalformedJson = true;

        var answer = await GetAsync(entity);

        var instance = Instance(answer);
        Assert.Equal(status, S(instance["status"]));
        Assert.Contains(says, S(instance["error"]), StringComparison.Ordinal);
        Assert.Empty(answer["problems"]!.AsArray());
        Assert.DoesNotContain(SonarQubeFixture.Token, answer.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Host.Logs.Entries, e => e.Message.Contains(SonarQubeFixture.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_closed_port_is_unreachable_and_a_slow_instance_times_out_within_the_budget()
    {
        fixture.Slow.Faults.Latency = TimeSpan.FromSeconds(8);
        try
        {
            Assert.Contains(S(Instance(await GetAsync("s-closed"))["status"]), new[] { "unreachable", "timeout" });
            var clock = Stopwatch.StartNew();
            Assert.Equal("timeout", S(Instance(await GetAsync("s-slow"))["status"]));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6.5), $"took {clock.Elapsed}");
        }
        finally
        {
            fixture.Slow.Faults.Latency = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task An_entity_without_the_annotation_says_how_to_add_it_and_a_bad_one_is_a_400_naming_it()
    {
        var answer = await GetAsync("s-none");
        Assert.Contains("sonarqube.org/project-key", S(answer["message"]), StringComparison.Ordinal);
        Assert.Empty(answer["instances"]!.AsArray());

        using var bad = await fixture.Api.GetAsync("/api/live/component/default/s-bad/sonarqube");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("instance name before '/'", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_unknown_entities_404()
    {
        using var anonymous = fixture.Host.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/live/component/default/s-pass/sonarqube")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Api.GetAsync("/api/live/component/default/nobody/sonarqube")).StatusCode);
    }
}
