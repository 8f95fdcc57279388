using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Dora.Quality;
using Fawkes.Portal.IntegrationTests.Catalog;
using Fawkes.Portal.Testing;
using Microsoft.Extensions.DependencyInjection;

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
        Assert.NotNull(incidents.Single(i => i!["id"]!.GetValue<string>() == "webhook:7:INC-1")!["resolvedAt"]); // DevLake's own id
        Assert.Equal(HttpStatusCode.NotFound, (await _api.PostAsync("/api/plugins/webhook/7/issue/NOPE-9/close", null)).StatusCode);
    }

    [Fact]
    public async Task Jenkins_cicd_posts_are_stored_and_a_payload_naming_no_repository_is_refused_naming_the_field()
    {
        var build = await _api.PostAsync("/api/plugins/webhook/1/cicd", Json("""{"type":"ci_build","id":"jenkins-42","component":"cart-service","status":"SUCCESS","started_at":"2024-05-05T10:00:00Z","finished_at":"2024-05-05T10:07:00Z","commit_sha":"c0ffee"}"""));
        var orphan = await _api.PostAsync("/api/plugins/webhook/1/deployments", Json("""{"id":"who","result":"SUCCESS","environment":"PRODUCTION","startedDate":"2024-05-05T10:00:00Z","finishedDate":"2024-05-05T10:01:00Z"}"""));
        var notAUrl = await _api.PostAsync("/api/plugins/webhook/1/cicd", Json("""{"id":"j-43","repoUrl":"payments","status":"SUCCESS","started_at":"2024-05-05T10:00:00Z","finished_at":"2024-05-05T10:07:00Z"}"""));

        Assert.Equal(HttpStatusCode.OK, build.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, orphan.StatusCode);
        var errors = (await orphan.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains("No repository in the payload", errors["deploymentCommits[0].repoUrl"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notAUrl.StatusCode);
        Assert.Contains("repoUrl 'payments' names no repository", await notAUrl.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deployment_for_a_repository_no_component_claims_is_kept_under_its_name_until_an_admin_maps_it()
    {
        static string Deploy(string id, string day) => $$"""
            {"id":"{{id}}","result":"SUCCESS","environment":"PRODUCTION","startedDate":"2024-05-{{day}}T10:00:00Z","finishedDate":"2024-05-{{day}}T10:04:00Z",
             "deploymentCommits":[{"repoUrl":"https://github.com/Fawkes/Loyalty-Points.git","commitSha":"bbb{{id}}"}]}
            """;

        var first = await _api.PostAsync("/api/plugins/webhook/1/deployments", Json(Deploy("lp-1", "06")));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, (await SummaryAsync("fawkes/loyalty-points"))["deployments"]!.GetValue<int>());
        var unknown = (await _api.GetFromJsonAsync<JsonObject>("/api/dora/data-quality"))!["unmapped"]!.AsArray()
            .Single(u => u!["service"]!.GetValue<string>() == "fawkes/loyalty-points")!;
        Assert.True(unknown["fromRepository"]!.GetValue<bool>());

        // The Admin's mapping (the data-quality page's action) moves its history; later deployments follow it.
        await _host.Services.GetRequiredService<DataQualityService>().MapAsync("fawkes/loyalty-points", "cart-service", "admin", CancellationToken.None);
        var later = await _api.PostAsync("/api/plugins/webhook/1/deployments", Json(Deploy("lp-2", "07")));

        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(2, (await SummaryAsync("cart-service"))["deployments"]!.GetValue<int>());
        var unmapped = (await _api.GetFromJsonAsync<JsonObject>("/api/dora/data-quality"))!["unmapped"]!.AsArray();
        Assert.DoesNotContain(unmapped, u => u!["service"]!.GetValue<string>() == "fawkes/loyalty-points");
    }

    [Theory]
    [InlineData("cicd", """{"id":"b-1","repoUrl":"git@github.com:fawkes/new-thing.git","status":"SUCCESS","started_at":"2024-05-05T10:00:00Z","finished_at":"2024-05-05T10:07:00Z"}""", "repoUrl")]
    [InlineData("pull_requests", """{"id":"pr-1","baseRepoUrl":"https://gitlab.example.com/team/new-thing","createdDate":"2024-05-04T10:00:00Z","mergedDate":"2024-05-05T10:00:00Z","mergeCommitSha":"m1"}""", "baseRepoUrl")]
    [InlineData("issues", """{"issueKey":"INC-9","type":"INCIDENT","repoUrl":"https://github.com/fawkes/new-thing","createdDate":"2024-05-05T10:00:00Z"}""", "repoUrl")]
    [InlineData("incidents", """{"issueKey":"INC-10","repoUrl":"https://github.com/fawkes/new-thing","createdDate":"2024-05-05T10:00:00Z"}""", "repoUrl")]
    public async Task Every_endpoint_needing_a_service_falls_back_to_the_repository_and_refuses_none(string path, string body, string field)
    {
        var accepted = await _api.PostAsync($"/api/plugins/webhook/1/{path}", Json(body));
        var withoutRepository = await _api.PostAsync($"/api/plugins/webhook/1/{path}", Json(body
            .Replace("\"git@github.com:fawkes/new-thing.git\"", "null", StringComparison.Ordinal)
            .Replace("\"https://gitlab.example.com/team/new-thing\"", "null", StringComparison.Ordinal)
            .Replace("\"https://github.com/fawkes/new-thing\"", "null", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var services = (await _api.GetFromJsonAsync<JsonObject>("/api/dora/data-quality"))!["unmapped"]!.AsArray().Select(u => u!["service"]!.GetValue<string>());
        Assert.Contains(path == "pull_requests" ? "team/new-thing" : "fawkes/new-thing", services);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutRepository.StatusCode);
        Assert.NotNull((await withoutRepository.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field]);
    }

    [Fact]
    public async Task Webhooks_need_a_token_with_dora_write()
    {
        using var anonymous = _host.NewClient();

        var response = await anonymous.PostAsync("/api/plugins/webhook/1/deployments", Json("{}"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
