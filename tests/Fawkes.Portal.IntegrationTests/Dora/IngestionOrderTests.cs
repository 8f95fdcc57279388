using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Dora.Webhooks;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Dora;

/// <summary>
/// Real payload shapes that used to lose or bend data: ArgoCD's <c>&lt;no value&gt;</c> environment, DevLake pull requests
/// without a first commit (GitHub pushes supply it, in either order), and a late Alertmanager <c>firing</c>.
/// </summary>
public sealed class IngestionOrderTests : IAsyncLifetime
{
    private const string Secret = "ingestion-order-secret";
    private PortalHost _host = default!;
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        _host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?>
        {
            ["Dora:Connections:1:Service"] = "billing-api", ["Dora:GitHub:WebhookSecret"] = Secret,
        });
        _api = _host.NewClient(bearer: PortalHost.BootstrapToken);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _host.DisposeAsync();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<JsonObject> GetAsync(string path) => (await _api.GetFromJsonAsync<JsonObject>(path))!;

    [Fact]
    public async Task An_argocd_sync_without_an_environment_label_counts_as_production_and_other_environments_are_listed()
    {
        // What the Notifications template renders: <no value> (older template, label missing), empty (robust template), or the label.
        static string Sync(int n, string environment) => $$"""
            {"app":"orders-api","revision":"r{{n}}","phase":"Succeeded","startedAt":"2025-02-0{{n}}T10:00:00Z","finishedAt":"2025-02-0{{n}}T10:03:00Z","environment":"{{environment}}"}
            """;
        string[] sent = ["<no value>", "", "prod", "staging"];
        for (var i = 0; i < sent.Length; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _api.PostAsync("/api/dora/argocd", Json(Sync(i + 1, sent[i])))).StatusCode);
        }

        var summary = await GetAsync("/api/dora/summary?service=orders-api&from=2025-02-01&to=2025-02-28");
        var deployments = (await GetAsync("/api/dora/deployments?service=orders-api&from=2025-02-01&to=2025-02-28"))["items"]!.AsArray();
        var uncounted = (await GetAsync("/api/dora/data-quality"))["uncountedEnvironments"]!.AsArray();

        Assert.Equal(2, summary["deployments"]!.GetValue<int>());
        // The syncs sent with <no value> and with an empty label, stored as production.
        Assert.Equal([("argocd-orders-api-2025-02-01T10:00:00Z", "production"), ("argocd-orders-api-2025-02-02T10:00:00Z", "production")],
            deployments.Select(d => (d!["id"]!.GetValue<string>(), d["environment"]!.GetValue<string>())).Order());
        // The demo history deploys to staging too: only this service's entries are asserted.
        var ours = uncounted.Where(e => e!["services"]!.AsArray().Any(s => s!.GetValue<string>() == "orders-api")).ToList();
        Assert.Equal(["prod", "staging"], ours.Select(e => e!["environment"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(uncounted, e => e!["environment"]!.GetValue<string>() is "<no value>" or "");
        Assert.Equal(1, ours.Single(e => e!["environment"]!.GetValue<string>() == "prod")!["deployments"]!.GetValue<int>());
    }

    private async Task<HttpResponseMessage> GitHubAsync(string eventName, string delivery, string json)
    {
        using var client = _host.NewClient();
        var body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/github") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", delivery);
        request.Headers.Add("X-Hub-Signature-256", GitHubSignature.Sign(body, Secret));
        return await client.SendAsync(request);
    }

    private static string Push(string branch, string timestamp) => $$"""
        {"ref":"refs/heads/{{branch}}","before":"0000","after":"c1","repository":{"full_name":"acme/billing-api"},
         "commits":[{"id":"c1","timestamp":"{{timestamp}}","message":"wip"}],"head_commit":{"id":"c1","timestamp":"{{timestamp}}"} }
        """;

    private static string DevLakePullRequest(int key, string created, string merged) => $$"""
        {"id":"pr-{{key}}","baseRepoId":"webhook:1","status":"MERGED","displayTitle":"Invoices {{key}}","url":"https://github.com/acme/billing-api/pull/{{key}}",
         "pullRequestKey":{{key}},"createdDate":"{{created}}","mergedDate":"{{merged}}","mergeCommitSha":"m{{key}}",
         "headRef":"feature/{{key}}","baseRef":"main","baseRepoUrl":"https://github.com/acme/billing-api"}
        """;

    [Fact]
    public async Task A_devlake_pull_request_has_no_coding_time_until_a_github_push_supplies_its_first_commit_in_either_order()
    {
        const string deployments = """
            [{"type":"deployment","id":"d0","service":"billing-api","environment":"production","result":"success","startedAt":"2024-05-09T08:00:00Z","finishedAt":"2024-05-09T08:05:00Z","revision":"m0","commits":[]},
             {"type":"deployment","id":"d1","service":"billing-api","environment":"production","result":"success","startedAt":"2024-05-11T09:50:00Z","finishedAt":"2024-05-11T10:00:00Z","revision":"m32","commits":["m31","m32"]}]
            """;
        Assert.Equal(HttpStatusCode.Accepted, (await _api.PostAsync("/api/dora/events", Json(deployments))).StatusCode);
        // PR 32: its branch's push came first. PR 31: DevLake first, the push later.
        await GitHubAsync("push", "push-32", Push("feature/32", "2024-05-09T14:00:00Z"));
        await _api.PostAsync("/api/plugins/webhook/1/pull_requests", Json(DevLakePullRequest(32, "2024-05-10T14:00:00Z", "2024-05-10T16:00:00Z")));
        await _api.PostAsync("/api/plugins/webhook/1/pull_requests", Json(DevLakePullRequest(31, "2024-05-10T10:00:00Z", "2024-05-10T12:00:00Z")));

        var before = await LeadTimesAsync();
        var report = await GetAsync("/api/dora/data-quality");

        // 31: review 120 + deploy 1320, no coding (not 0: unknown). 32: coding 1440 + review 120 + deploy 1080.
        Assert.Equal([("webhook:1:31", null, 1440L), ("webhook:1:32", 1440L, 2640L)], before);
        Assert.Equal(1, report["pullRequestsWithoutFirstCommit"]!.GetValue<int>());
        var listed = Assert.Single(report["newestPullRequestsWithoutFirstCommit"]!.AsArray())!;
        Assert.Equal("webhook:1:31", listed["id"]!.GetValue<string>());
        Assert.Contains("DevLake's pull_requests webhook carries no first-commit time", listed["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("feature/31", listed["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("GitHub push webhooks", listed["fix"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("firstCommitAt", listed["fix"]!.GetValue<string>(), StringComparison.Ordinal);

        var late = await GitHubAsync("push", "push-31", Push("feature/31", "2024-05-09T10:00:00Z"));

        Assert.Equal(1, (await late.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>());
        Assert.Equal([("webhook:1:31", 1440L, 2880L), ("webhook:1:32", 1440L, 2640L)], await LeadTimesAsync());
        Assert.Equal(0, (await GetAsync("/api/dora/data-quality"))["pullRequestsWithoutFirstCommit"]!.GetValue<int>());
        var lead = (await GetAsync("/api/dora/summary?service=billing-api&from=2024-05-01&to=2024-05-31"))["leadTime"]!;
        Assert.Equal((2, 2640L, 2880L), (lead["n"]!.GetValue<int>(), lead["median"]!.GetValue<long>(), lead["p90"]!.GetValue<long>()));
    }

    private async Task<List<(string Id, long? Coding, long? LeadTime)>> LeadTimesAsync()
    {
        var items = (await GetAsync("/api/dora/deployments?service=billing-api&from=2024-05-01&to=2024-05-31"))["items"]!.AsArray();
        return [.. items.SelectMany(d => d!["pullRequests"]!.AsArray())
            .Select(p => (p!["id"]!.GetValue<string>(), p["coding"]?.GetValue<long>(), p["leadTime"]?.GetValue<long>())).OrderBy(p => p.Item1, StringComparer.Ordinal)];
    }

    /// <summary>Alertmanager's webhook (version 4), one alert per notification as a group of one.</summary>
    private static string Alert(string status, string fingerprint, string startsAt, string endsAt) => $$"""
        {"version":"4","groupKey":"{}:{alertname=\"HighErrorRate\"}","truncatedAlerts":0,"status":"{{status}}","receiver":"fawkes-portal",
         "groupLabels":{"alertname":"HighErrorRate"},"commonLabels":{"alertname":"HighErrorRate","service":"ledger"},"commonAnnotations":{},
         "externalURL":"http://alertmanager:9093","alerts":[{"status":"{{status}}","labels":{"alertname":"HighErrorRate","service":"ledger","severity":"critical"},
         "annotations":{"summary":"5xx above 5%"},"startsAt":"{{startsAt}}","endsAt":"{{endsAt}}","generatorURL":"http://prometheus:9090/graph","fingerprint":"{{fingerprint}}"}]}
        """;

    [Fact]
    public async Task A_late_firing_never_reopens_a_resolved_incident_and_a_later_start_is_a_new_incident()
    {
        const string Never = "0001-01-01T00:00:00Z";
        string[] deliveries =
        [
            Alert("firing", "fp1", "2025-01-09T12:00:00Z", Never),
            Alert("resolved", "fp1", "2025-01-09T12:00:00Z", "2025-01-09T12:45:00Z"),
            Alert("firing", "fp1", "2025-01-09T12:00:00Z", Never), // re-sent after the resolution
            Alert("resolved", "fp2", "2025-01-10T08:00:00Z", "2025-01-10T08:30:00Z"), // delivered before its own firing
            Alert("firing", "fp2", "2025-01-10T08:00:00Z", Never),
            Alert("firing", "fp1", "2025-01-11T09:00:00Z", Never), // fires again: a new occurrence
        ];
        foreach (var delivery in deliveries)
        {
            Assert.Equal(HttpStatusCode.OK, (await _api.PostAsync("/api/dora/alertmanager", Json(delivery))).StatusCode);
        }

        var incidents = (await GetAsync("/api/dora/incidents?service=ledger&from=2025-01-01&to=2025-01-31"))["items"]!.AsArray();
        var summary = await GetAsync("/api/dora/summary?service=ledger&from=2025-01-01&to=2025-01-31");

        Assert.Equal([("alert-fp1-2025-01-09T12:00:00Z", 45L), ("alert-fp2-2025-01-10T08:00:00Z", 30L), ("alert-fp1-2025-01-11T09:00:00Z", null)],
            incidents.OrderBy(i => i!["createdAt"]!.GetValue<DateTimeOffset>()).Select(i => (i!["id"]!.GetValue<string>(), i["timeToRestore"]?.GetValue<long>())));
        Assert.Equal((2, 30L), (summary["timeToRestore"]!["n"]!.GetValue<int>(), summary["timeToRestore"]!["median"]!.GetValue<long>()));
    }
}
