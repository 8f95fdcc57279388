using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dora.Events;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Dora;

/// <summary>
/// DevLake keys issues and pull requests per connection (<c>webhook:{connectionId}:{key}</c>): two services that both
/// report issue 12 keep two incidents, and rows stored before the scoping still close and are replaced sensibly.
/// </summary>
public sealed class DevLakeConnectionScopeTests : IAsyncLifetime
{
    private PortalHost _host = default!;
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        _host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?>
        {
            ["Dora:Connections:1:Service"] = "billing-api", ["Dora:Connections:2:Service"] = "search-api",
        });
        _api = _host.NewClient(bearer: PortalHost.BootstrapToken);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _host.DisposeAsync();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>DevLake's issue webhook body as a Fawkes pipeline posts it for a GitHub issue labelled incident.</summary>
    private static string Issue(string key, string repo, string created, string status = "TODO", string? resolved = null) => $$"""
        {"url":"https://github.com/acme/{{repo}}/issues/{{key}}","issueKey":"{{key}}","title":"Errors on {{repo}}","type":"INCIDENT",
         "status":"{{status}}","originalStatus":"open","createdDate":"{{created}}","updatedDate":"{{created}}",
         "resolutionDate":{{(resolved is null ? "null" : $"\"{resolved}\"")}},"priority":"P1","severity":"critical",
         "creatorName":"oncall-bot","repoUrl":"https://github.com/acme/{{repo}}"}
        """;

    /// <summary>DevLake's pull request webhook body (pullRequestKey is a number there; no first-commit time).</summary>
    private static string PullRequest(string id, int key, string repo, string sha) => $$"""
        {"id":"{{id}}","baseRepoId":"webhook:1","headRepoId":"webhook:1","status":"MERGED","originalStatus":"closed",
         "displayTitle":"Change {{key}}","url":"https://github.com/acme/{{repo}}/pull/{{key}}","authorName":"dev","pullRequestKey":{{key}},
         "createdDate":"2024-05-10T10:00:00Z","mergedDate":"2024-05-10T12:00:00Z","closedDate":"2024-05-10T12:00:00Z",
         "mergeCommitSha":"{{sha}}","headRef":"feature/{{key}}","baseRef":"main","baseRepoUrl":"https://github.com/acme/{{repo}}","isDraft":false}
        """;

    private async Task<JsonArray> IncidentsAsync(string service) =>
        (await _api.GetFromJsonAsync<JsonObject>($"/api/dora/incidents?service={service}&from=2024-05-01&to=2030-12-31"))!["items"]!.AsArray();

    [Fact]
    public async Task Issue_12_of_two_connections_stays_two_incidents_and_close_resolves_only_its_own()
    {
        // Sent in the order that used to let the second replace the first.
        Assert.Equal(HttpStatusCode.OK, (await _api.PostAsync("/api/plugins/webhook/2/issues", Json(Issue("12", "search-api", "2024-05-20T10:00:00Z")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.PostAsync("/api/plugins/webhook/1/issues", Json(Issue("12", "billing-api", "2024-05-20T11:00:00Z")))).StatusCode);

        var close = await _api.PostAsync("/api/plugins/webhook/1/issue/12/close", null);

        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        var billing = Assert.Single(await IncidentsAsync("billing-api"))!;
        var search = Assert.Single(await IncidentsAsync("search-api"))!;
        Assert.Equal(("webhook:1:12", "webhook:2:12"), (billing["id"]!.GetValue<string>(), search["id"]!.GetValue<string>()));
        Assert.NotNull(billing["resolvedAt"]);
        Assert.Null(search["resolvedAt"]);
        // DevLake re-sends the issue, still TODO, after the close: it stays resolved.
        await _api.PostAsync("/api/plugins/webhook/1/issues", Json(Issue("12", "billing-api", "2024-05-20T11:00:00Z")));
        Assert.NotNull(Assert.Single(await IncidentsAsync("billing-api"))!["resolvedAt"]);
    }

    [Fact]
    public async Task Pull_request_12_of_two_connections_stays_two_pull_requests()
    {
        await _api.PostAsync("/api/plugins/webhook/1/pull_requests", Json(PullRequest("pr-a", 12, "billing-api", "aaa012")));
        await _api.PostAsync("/api/plugins/webhook/2/pull_requests", Json(PullRequest("pr-b", 12, "search-api", "bbb012")));
        await _api.PostAsync("/api/plugins/webhook/1/pull_requests", Json(PullRequest("pr-a", 12, "billing-api", "aaa012"))); // re-sent

        var report = (await _api.GetFromJsonAsync<JsonObject>("/api/dora/data-quality"))!;

        var ids = report["newestPullRequestsWithoutFirstCommit"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(["webhook:1:12", "webhook:2:12"], ids);
        Assert.Equal(2, report["pullRequestsWithoutFirstCommit"]!.GetValue<int>());
    }

    [Fact]
    public async Task Rows_stored_before_the_scoping_are_closed_by_their_own_connection_only_and_replaced_when_re_sent()
    {
        // What the release before the scoping stored: the bare key, from connection 1.
        var store = _host.Services.GetRequiredService<DoraEventStore>();
        var legacy = new JsonNode?[]
        {
            JsonNode.Parse("""{"type":"incident","id":"INC-7","service":"billing-api","createdAt":"2024-05-21T09:00:00Z","title":"Invoices stuck"}"""),
            JsonNode.Parse("""{"type":"pull_request","id":"pr-12","service":"billing-api","createdAt":"2024-05-10T10:00:00Z","mergedAt":"2024-05-10T12:00:00Z","mergeCommitSha":"aaa012","firstCommitAt":"2024-05-10T10:00:00Z"}"""),
        };
        await store.UpsertAsync(DoraEventParser.ParseAll(legacy).Events, "devlake:1", CancellationToken.None);

        var otherConnection = await _api.PostAsync("/api/plugins/webhook/2/issue/INC-7/close", null);
        var ownConnection = await _api.PostAsync("/api/plugins/webhook/1/issue/INC-7/close", null);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), (otherConnection.StatusCode, ownConnection.StatusCode));
        Assert.Contains("connection 2", await otherConnection.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var closed = Assert.Single(await IncidentsAsync("billing-api"))!;
        Assert.Equal("INC-7", closed["id"]!.GetValue<string>());
        var resolvedAt = closed["resolvedAt"]!.GetValue<DateTimeOffset>();

        // Re-sent through DevLake (still open there): one incident, under the scoped id, still resolved.
        await _api.PostAsync("/api/plugins/webhook/1/issues", Json(Issue("INC-7", "billing-api", "2024-05-21T09:00:00Z")));
        await _api.PostAsync("/api/plugins/webhook/1/pull_requests", Json(PullRequest("pr-12", 12, "billing-api", "aaa012")));

        var adopted = Assert.Single(await IncidentsAsync("billing-api"))!;
        Assert.Equal(("webhook:1:INC-7", resolvedAt), (adopted["id"]!.GetValue<string>(), adopted["resolvedAt"]!.GetValue<DateTimeOffset>()));
        var prs = (await _api.GetFromJsonAsync<JsonObject>("/api/dora/data-quality"))!["newestPullRequestsWithoutFirstCommit"]!.AsArray();
        Assert.Equal("webhook:1:12", Assert.Single(prs)!["id"]!.GetValue<string>()); // the legacy pr-12 row is gone, not doubled
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Set<DoraEventRecord>().AnyAsync(r => r.Id == "INC-7" || r.Id == "pr-12"));
    }
}
