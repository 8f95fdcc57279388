using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Live;

/// <summary>The portal's Jenkins client, through the API, against simulated controllers on loopback ports.</summary>
public sealed class JenkinsLiveTests(JenkinsFixture fixture) : IClassFixture<JenkinsFixture>
{
    private async Task<JsonObject> GetAsync(string entity, string query = "")
    {
        using var response = await fixture.Api.GetAsync($"/api/live/component/default/{entity}/jenkins{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static string S(JsonNode? node) => node!.GetValue<string>();

    private static JsonObject Instance(JsonObject answer) => answer["instances"]!.AsArray().Single()!.AsObject();

    [Fact]
    public async Task A_passing_job_shows_builds_with_branch_commit_and_tests_and_no_problems()
    {
        var answer = await GetAsync("j-ok");

        Assert.Equal("ok", S(Instance(answer)["status"]));
        Assert.Equal("ci", S(answer["instance"]));
        var builds = answer["builds"]!.AsArray();
        Assert.Equal(3, builds.Count);
        Assert.Equal(12, builds[0]!["number"]!.GetValue<int>());
        Assert.Equal("SUCCESS", S(builds[0]!["result"]));
        Assert.Equal("main", S(builds[0]!["branch"]));
        Assert.Equal(40, S(builds[0]!["commit"]).Length);
        Assert.Equal(248, builds[0]!["tests"]!["total"]!.GetValue<int>());
        Assert.Empty(answer["problems"]!.AsArray());
        Assert.Equal(4, answer["lastRun"]!["stages"]!.AsArray().Count);
        Assert.EndsWith("/job/shop/job/ok/", S(answer["url"]), StringComparison.Ordinal);
        Assert.Contains(fixture.Ci.RequestLog, r => r.StartsWith("GET /job/shop/job/ok/api/json?tree=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_build_is_a_FAILURE_problem_with_the_failed_stage_and_its_console_tail()
    {
        var answer = await GetAsync("j-fail");

        var problem = answer["problems"]!.AsArray().Single()!.AsObject();
        Assert.Equal("FAILURE", S(problem["reason"]));
        Assert.Equal("error", S(problem["severity"]));
        Assert.Equal("ci", S(problem["instance"]));
        foreach (var field in new[] { "instance", "kind", "resource", "namespace", "severity", "reason", "message", "suggestion" })
        {
            Assert.False(string.IsNullOrWhiteSpace(S(problem[field])), $"{field} is empty");
        }
        Assert.Contains("'Test'", S(problem["message"]), StringComparison.Ordinal);
        Assert.Contains("3 of 248 tests failed", S(problem["message"]), StringComparison.Ordinal);
        var run = answer["lastRun"]!;
        Assert.Equal("FAILED", S(run["status"]));
        Assert.Equal("Test", S(run["failedStage"]));
        Assert.Contains("refundsArePartial() FAILED", S(run["consoleTail"]), StringComparison.Ordinal);
        Assert.Contains("/wfapi/log", string.Join(' ', fixture.Ci.RequestLog), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_build_in_progress_is_shown_running_and_the_last_finished_build_decides_the_problems()
    {
        var answer = await GetAsync("j-running");

        Assert.Equal("BUILDING", S(answer["builds"]![0]!["result"]));
        Assert.Null(answer["builds"]![0]!["durationMs"]);
        Assert.Equal("IN_PROGRESS", S(answer["lastRun"]!["status"]));
        Assert.Empty(answer["problems"]!.AsArray());
    }

    [Fact]
    public async Task A_multibranch_project_shows_main_by_default_and_any_branch_on_request()
    {
        var answer = await GetAsync("j-multi");
        Assert.Equal("main", S(answer["branch"]));
        Assert.Equal("shop/multi/main", S(answer["job"]));
        Assert.Equal(["develop", "main", "feature/x"], answer["branches"]!.AsArray().Select(S));

        var feature = await GetAsync("j-multi", "?branch=feature%2Fx");
        Assert.Equal("feature/x", S(feature["branch"]));
        Assert.Equal("feature/x", S(feature["builds"]![0]!["branch"]));
        // The server decodes %252F once, so the branch job named feature%2Fx arrived as one path segment.
        Assert.Contains(fixture.Ci.RequestLog, r => r.Contains("/job/multi/job/feature%2Fx/api/json", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("j-missing", "notFound")]
    [InlineData("j-unknown", "notConfigured")]
    [InlineData("j-refusing", "unauthorized")]
    [InlineData("j-failing", "unreachable")]
    [InlineData("j-malformed", "unreachable")]
    public async Task Faults_are_explained_per_instance_without_secrets(string entity, string status)
    {
        fixture.Refusing.Faults.RejectToken = true;
        fixture.Failing.Faults.ServerError = true;
        fixture.Malformed.Faults.MalformedJson = true;

        var answer = await GetAsync(entity);

        var instance = Instance(answer);
        Assert.Equal(status, S(instance["status"]));
        Assert.False(string.IsNullOrWhiteSpace(S(instance["error"])));
        Assert.DoesNotContain(JenkinsFixture.Token, answer.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Host.Logs.Entries, e => e.Message.Contains(JenkinsFixture.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_closed_port_is_unreachable_and_a_slow_instance_times_out_within_the_budget()
    {
        fixture.Slow.Faults.Latency = TimeSpan.FromSeconds(8);
        try
        {
            Assert.Contains(S(Instance(await GetAsync("j-closed"))["status"]), new[] { "unreachable", "timeout" });
            var clock = Stopwatch.StartNew();
            Assert.Equal("timeout", S(Instance(await GetAsync("j-slow"))["status"]));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6.5), $"took {clock.Elapsed}");
        }
        finally
        {
            fixture.Slow.Faults.Latency = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task An_entity_without_the_annotation_says_how_to_add_it()
    {
        var answer = await GetAsync("j-none");

        Assert.Contains("jenkins.io/job-full-name", S(answer["message"]), StringComparison.Ordinal);
        Assert.Empty(answer["instances"]!.AsArray());
    }

    [Fact]
    public async Task An_owner_rebuilds_with_the_crumb_and_it_is_audited()
    {
        using var owner = await SignedInAsync("priya.raman", "Developer");

        using var response = await owner.PostAsync("/api/live/component/default/j-rebuild/jenkins/rebuild", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var rebuild = Assert.Single(fixture.Ci.Rebuilds, r => r.Job == "shop/rebuild");
        Assert.Equal(fixture.Ci.Crumb, rebuild.Crumb);
        var after = await GetAsync("j-rebuild");
        Assert.Equal("BUILDING", S(after["builds"]![0]!["result"]));
        Assert.Contains("'Test'", S(after["problems"]![0]!["message"]), StringComparison.Ordinal); // the failed build before it still explains
        Assert.Contains(fixture.Ci.RequestLog, r => r == "GET /crumbIssuer/api/json");
        var audit = await fixture.Api.GetFromJsonAsync<JsonObject>("/api/admin/audit?q=live.jenkins.rebuild");
        Assert.Contains(audit!["items"]!.AsArray(), e => S(e!["actor"]) == "priya.raman" && S(e["target"]).Contains("j-rebuild", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_parameterised_job_is_rebuilt_with_buildWithParameters_and_the_last_builds_values()
    {
        using var owner = await SignedInAsync("priya.raman", "Developer");

        using var response = await owner.PostAsync("/api/live/component/default/j-params/jenkins/rebuild", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var rebuild = Assert.Single(fixture.Ci.Rebuilds, r => r.Job == "shop/params");
        Assert.Equal(new Dictionary<string, string> { ["TARGET"] = "staging", ["DRY_RUN"] = "false" }, rebuild.Parameters);
        Assert.Contains(fixture.Ci.RequestLog, r => r == "POST /job/shop/job/params/buildWithParameters");
        Assert.DoesNotContain(fixture.Ci.RequestLog, r => r == "POST /job/shop/job/params/build");
    }

    [Theory]
    [InlineData("mei.chen", "Learner")]
    [InlineData("jonas.weber", "Developer")]
    public async Task A_learner_or_a_developer_who_does_not_own_it_gets_403_and_nothing_is_built(string login, string role)
    {
        using var client = await SignedInAsync(login, role);
        var before = fixture.Ci.Rebuilds.Count;

        using var response = await client.PostAsync("/api/live/component/default/j-rebuild/jenkins/rebuild", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, fixture.Ci.Rebuilds.Count);
    }

    private async Task<HttpClient> SignedInAsync(string login, string role)
    {
        var jar = new CookieContainer();
        using (var signIn = fixture.Host.NewClient(cookies: jar))
        {
            (await HttpSignIn.SignInAsync(signIn, login, role)).Dispose();
        }
        var client = fixture.Host.NewClient();
        client.DefaultRequestHeaders.Add("Cookie", jar.GetCookieHeader(fixture.Host.BaseAddress));
        return client;
    }
}
