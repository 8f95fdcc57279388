using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.ApiTokens;
using Fawkes.Portal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Dora;

/// <summary>The native event API and the read API on real PostgreSQL.</summary>
public sealed partial class DoraApiTests(PostgresPortalFixture fixture) : IClassFixture<PostgresPortalFixture>
{
    [System.Text.RegularExpressions.GeneratedRegex("(?m)^fawkes_dora_lead_time_minutes[a-z_]*\\{[^}]*service=\"svc-gauge\"[^}]*\\} (\\d+)")]
    private static partial System.Text.RegularExpressions.Regex LeadTime();

    private HttpClient Api() => fixture.Host.NewClient(bearer: PortalHost.BootstrapToken);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Deployment(string id, string service, string finished, string commits = "[]", string result = "success") =>
        $$"""{"type":"deployment","id":"{{id}}","service":"{{service}}","environment":"production","result":"{{result}}","startedAt":"{{finished}}","finishedAt":"{{finished}}","revision":"r-{{id}}","commits":{{commits}}}""";

    [Fact]
    public async Task A_batch_is_accepted_whole_and_the_metrics_follow_the_rules()
    {
        using var api = Api();
        var batch = $$"""
            [
              {{Deployment("base", "svc-a", "2024-02-20T10:00:00Z")}},
              {{Deployment("d1", "svc-a", "2024-03-05T12:00:00+02:00", """["m1"]""")}},
              {{Deployment("d2", "svc-a", "2024-03-06T10:00:00Z")}},
              {"type":"pull_request","id":"pr1","service":"svc-a","createdAt":"2024-03-04T09:00:00Z","mergedAt":"2024-03-05T08:00:00Z","mergeCommitSha":"m1","firstCommitAt":"2024-03-03T09:00:00Z"},
              {"type":"incident","id":"inc1","service":"svc-a","createdAt":"2024-03-05T11:00:00Z","resolvedAt":null}
            ]
            """;

        var post = await api.PostAsync("/api/dora/events", Json(batch));
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        Assert.Equal(5, (await post.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>());

        var rows = (await api.GetFromJsonAsync<JsonObject>("/api/dora/metrics?service=svc-a&from=2024-03-01&to=2024-03-31&bucket=month"))!["rows"]!.AsArray();
        var march = rows.Single()!;
        Assert.Equal("2024-03", march["period"]!.GetValue<string>());
        Assert.Equal((2, 2, 1), (march["deployments"]!.GetValue<int>(), march["deploymentDays"]!.GetValue<int>(), march["deploymentsWithIncident"]!.GetValue<int>()));
        Assert.Equal(0.5, march["changeFailureRate"]!.GetValue<double>());
        // pr1: coding 1440 + review 1380 (09:00 → 08:00 next day) + deploy 120 (08:00 → 10:00 UTC) = 2940
        Assert.Equal(2940, march["leadTime"]!["median"]!.GetValue<long>());

        // Re-sending the incident resolved replaces it: recovery now has a value.
        var resolved = await api.PostAsync("/api/dora/events", Json("""{"type":"incident","id":"inc1","service":"svc-a","createdAt":"2024-03-05T11:00:00Z","resolvedAt":"2024-03-05T13:30:00Z"}"""));
        Assert.Equal(HttpStatusCode.Accepted, resolved.StatusCode);
        var summary = (await api.GetFromJsonAsync<JsonObject>("/api/dora/summary?service=svc-a&from=2024-03-01&to=2024-03-31"))!;
        Assert.Equal(150, summary["timeToRestore"]!["median"]!.GetValue<long>());
        Assert.Equal(210, summary["fdrt"]!["median"]!.GetValue<long>()); // d1 finished 10:00 UTC → resolved 13:30
        Assert.Equal("high", summary["levels2023"]!["failedDeploymentRecoveryTime"]!.GetValue<string>()); // 210 min: under a day

        var drill = (await api.GetFromJsonAsync<JsonObject>("/api/dora/deployments?service=svc-a&from=2024-03-01&to=2024-03-31"))!["items"]!.AsArray();
        var d1 = drill.Single(d => d!["id"]!.GetValue<string>() == "d1")!;
        Assert.Equal("pr1", d1["pullRequests"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("inc1", d1["incidents"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_environment_takes_productions_place_only_when_asked_for()
    {
        using var api = Api();
        static string Staging(string id, string finished, string commits) =>
            Deployment(id, "svc-env", finished, commits).Replace("\"production\"", "\"staging\"", StringComparison.Ordinal);
        var batch = "[" + string.Join(",",
            Staging("s-base", "2024-05-01T10:00:00Z", "[]"),
            Staging("s-1", "2024-05-06T10:00:00Z", "[\"e1\"]"),
            Deployment("p-base", "svc-env", "2024-05-02T10:00:00Z"),
            Deployment("p-1", "svc-env", "2024-05-07T10:00:00Z", "[\"e1\"]"),
            """{"type":"pull_request","id":"pr-env","service":"svc-env","createdAt":"2024-05-03T10:00:00Z","mergedAt":"2024-05-06T08:00:00Z","mergeCommitSha":"e1","firstCommitAt":"2024-05-03T09:00:00Z"}""") + "]";
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync("/api/dora/events", Json(batch))).StatusCode);

        var production = (await api.GetFromJsonAsync<JsonObject>("/api/dora/summary?service=svc-env&from=2024-05-01&to=2024-05-31"))!;
        var staging = (await api.GetFromJsonAsync<JsonObject>("/api/dora/summary?service=svc-env&from=2024-05-01&to=2024-05-31&environment=staging"))!;

        Assert.Equal(2, production["deployments"]!.GetValue<int>());
        Assert.Equal(2, staging["deployments"]!.GetValue<int>());
        // The PR reached staging at 10:00 on the 6th and production at 10:00 on the 7th: a day apart in lead time.
        Assert.Equal(1440, production["leadTime"]!["median"]!.GetValue<long>() - staging["leadTime"]!["median"]!.GetValue<long>());
        var stagingDeployments = (await api.GetFromJsonAsync<JsonObject>("/api/dora/deployments?service=svc-env&from=2024-05-01&to=2024-05-31&environment=staging"))!["items"]!.AsArray();
        Assert.Equal(["s-1", "s-base"], stagingDeployments.Select(d => d!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Bad_events_get_422_naming_index_and_field_and_nothing_is_stored()
    {
        using var api = Api();
        var batch = $$"""
            [
              {{Deployment("ok-but-rolled-back", "svc-b", "2024-03-01T10:00:00Z")}},
              {"type":"deployment","id":"bad","service":"svc-b","environment":"production","result":"maybe","startedAt":"2024-03-02T10:00:00Z","finishedAt":"2024-03-01T10:00:00Z","revision":"r"},
              {"type":"incident","id":"no-offset","service":"svc-b","createdAt":"2024-03-02 10:00:00"},
              {"type":"gossip","id":"x","service":"svc-b"}
            ]
            """;

        var post = await api.PostAsync("/api/dora/events", Json(batch));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, post.StatusCode);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
        var errors = (await post.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains("result must be one of success, failure.", errors["[1].result"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Contains("is before startedAt", errors["[1].finishedAt"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("with an offset", errors["[2].createdAt"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Unknown type 'gossip'", errors["[3].type"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var rows = (await api.GetFromJsonAsync<JsonObject>("/api/dora/metrics?service=svc-b&from=2024-03-01&to=2024-03-31"))!["rows"]!.AsArray();
        Assert.Equal(0, rows[0]!["deployments"]!.GetValue<int>());
    }

    [Fact]
    public async Task Posting_events_needs_the_dora_write_scope()
    {
        var tokens = fixture.Host.Services.GetRequiredService<ApiTokenService>();
        var reader = await tokens.CreateAsync("dora-reader", [ApiScopes.CatalogRead], null, "test");
        using var api = fixture.Host.NewClient(bearer: reader.Secret);

        var post = await api.PostAsync("/api/dora/events", Json(Deployment("x", "svc-c", "2024-03-01T10:00:00Z")));

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/dora/metrics?service=svc-c")).StatusCode);
    }

    [Fact]
    public async Task Duplicates_and_reordering_give_identical_metrics()
    {
        using var api = Api();
        string[] events =
        [
            Deployment("o-base", "svc-d", "2024-04-01T10:00:00Z"),
            Deployment("o-1", "svc-d", "2024-04-02T10:00:00Z", """["c1"]"""),
            """{"type":"pull_request","id":"o-pr","service":"svc-d","createdAt":"2024-04-01T11:00:00Z","mergedAt":"2024-04-01T12:00:00Z","mergeCommitSha":"c1","firstCommitAt":"2024-04-01T09:00:00Z"}""",
            """{"type":"incident","id":"o-inc","service":"svc-d","createdAt":"2024-04-02T11:00:00Z","resolvedAt":"2024-04-02T12:00:00Z"}""",
        ];
        foreach (var e in events.Reverse().Concat(events))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync("/api/dora/events", Json(e))).StatusCode);
        }

        var row = (await api.GetFromJsonAsync<JsonObject>("/api/dora/metrics?service=svc-d&from=2024-04-01&to=2024-04-30"))!["rows"]![0]!;

        Assert.Equal((2, 1, 1), (row["deployments"]!.GetValue<int>(), row["leadTime"]!["n"]!.GetValue<int>(), row["deploymentsWithIncident"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Per_service_gauges_reach_prometheus_metrics()
    {
        using var api = Api();
        var now = DateTimeOffset.UtcNow;
        string T(TimeSpan ago) => (now - ago).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var batch = $$"""
            [
              {{Deployment("g-base", "svc-gauge", T(TimeSpan.FromDays(3)))}},
              {{Deployment("g-1", "svc-gauge", T(TimeSpan.FromDays(1)), """["gc1"]""")}},
              {"type":"pull_request","id":"g-pr","service":"svc-gauge","createdAt":"{{T(TimeSpan.FromDays(2))}}","mergedAt":"{{T(TimeSpan.FromDays(1.5))}}","mergeCommitSha":"gc1","firstCommitAt":"{{T(TimeSpan.FromDays(2.5))}}"}
            ]
            """;
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync("/api/dora/events", Json(batch))).StatusCode);

        using var anonymous = fixture.Host.NewClient();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string metrics;
        do
        {
            await Task.Delay(200);
            metrics = await anonymous.GetStringAsync("/metrics");
        }
        while (!LeadTime().IsMatch(metrics) && DateTime.UtcNow < deadline);

        // pr: coding 720 + review 720 + deploy 720 minutes.
        Assert.Equal("2160", LeadTime().Match(metrics).Groups[1].Value);
        Assert.Matches("(?m)^fawkes_dora_deployments_per_week\\{[^}]*service=\"svc-gauge\"[^}]*\\} ", metrics);
    }
}
