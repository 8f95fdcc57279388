using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.IntegrationTests.Catalog;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Dora;

/// <summary>DevLake's webhook paths and bodies, so existing Fawkes pipelines only change their base URL.</summary>
public sealed class DevLakeWebhookTests : IAsyncLifetime
{
    private PortalHost _host = default!;
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        _host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?> { ["Dora:Connections:7:Service"] = "checkout-web" });
        _api = _host.NewClient(bearer: PortalHost.BootstrapToken);
        await CatalogFixture.WaitForAsync(_api, 60); // the demo catalog, whose components carry github.com/project-slug
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _host.DisposeAsync();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<JsonObject> SummaryAsync(string service) =>
        (await _api.GetFromJsonAsync<JsonObject>($"/api/dora/summary?service={service}&from=2024-05-01&to=2024-05-31"))!;

    [Fact]
    public async Task Deployments_find_their_service_from_the_repository_and_both_path_styles_work()
    {
        const string body = """
            {"id":"dl-1","result":"SUCCESS","environment":"PRODUCTION","startedDate":"2024-05-02T10:00:00Z","finishedDate":"2024-05-02T10:04:00Z",
             "deploymentCommits":[{"repoUrl":"https://github.com/fawkes/payments-api.git","commitSha":"aaa111","startedDate":"2024-05-02T10:00:00Z","finishedDate":"2024-05-02T10:04:00Z"}]}
            """;

        var first = await _api.PostAsync("/api/plugins/webhook/1/deployments", Json(body));
        var second = await _api.PostAsync("/api/plugins/webhook/connections/1/deployments", Json(body.Replace("dl-1", "dl-2", StringComparison.Ordinal).Replace("05-02", "05-03", StringComparison.Ordinal)));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(2, (await SummaryAsync("payments-api"))["deployments"]!.GetValue<int>());
    }

    [Fact]
    public async Task Incidents_open_through_issues_close_through_the_close_path_and_other_issue_types_are_ignored()
    {
        await _api.PostAsync("/api/plugins/webhook/7/deployments", Json("""{"id":"co-1","result":"SUCCESS","environment":"PRODUCTION","startedDate":"2024-05-10T09:00:00Z","finishedDate":"2024-05-10T09:05:00Z","deploymentCommits":[]}"""));
        var bug = await _api.PostAsync("/api/plugins/webhook/7/issues", Json("""{"issueKey":"BUG-1","title":"Typo","type":"BUG","createdDate":"2024-05-10T10:00:00Z"}"""));
        var incident = await _api.PostAsync("/api/plugins/webhook/7/issues", Json("""{"issueKey":"INC-1","title":"Checkout down","type":"INCIDENT","createdDate":"2024-05-10T10:00:00Z"}"""));

        Assert.Equal(0, (await bug.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>());
        Assert.Equal(1, (await incident.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>());
        Assert.Equal(1, (await SummaryAsync("checkout-web"))["deploymentsWithIncident"]!.GetValue<int>());

        var close = await _api.PostAsync("/api/plugins/webhook/7/issue/INC-1/close", null);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        var incidents = (await _api.GetFromJsonAsync<JsonObject>("/api/dora/incidents?service=checkout-web&from=2024-05-01&to=2030-12-31"))!["items"]!.AsArray();
        Assert.NotNull(incidents.Single(i => i!["id"]!.GetValue<string>() == "INC-1")!["resolvedAt"]);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.PostAsync("/api/plugins/webhook/7/issue/NOPE-9/close", null)).StatusCode);
    }

    [Fact]
    public async Task Jenkins_cicd_posts_are_stored_and_a_payload_without_a_service_is_refused()
    {
        var build = await _api.PostAsync("/api/plugins/webhook/1/cicd", Json("""{"type":"ci_build","id":"jenkins-42","component":"cart-service","status":"SUCCESS","started_at":"2024-05-05T10:00:00Z","finished_at":"2024-05-05T10:07:00Z","commit_sha":"c0ffee"}"""));
        var orphan = await _api.PostAsync("/api/plugins/webhook/1/deployments", Json("""{"id":"who","result":"SUCCESS","environment":"PRODUCTION","startedDate":"2024-05-05T10:00:00Z","finishedDate":"2024-05-05T10:01:00Z"}"""));

        Assert.Equal(HttpStatusCode.OK, build.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, orphan.StatusCode);
        Assert.Contains("Cannot tell the service", await orphan.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhooks_need_a_token_with_dora_write()
    {
        using var anonymous = _host.NewClient();

        var response = await anonymous.PostAsync("/api/plugins/webhook/1/deployments", Json("{}"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
