using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.IntegrationTests.Catalog;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Dora;

/// <summary>Deployments sent without <c>commits</c> get them from GitHub's compare with the previous deployment.</summary>
public sealed class CommitCompareTests : IAsyncLifetime
{
    private FakeGitHub _github = default!;
    private PortalHost _host = default!;
    private HttpClient _api = default!;
    private readonly FakeRepository _repo = new("payments-api");

    public async Task InitializeAsync()
    {
        _github = await FakeGitHub.StartAsync();
        _repo.History.AddRange(Enumerable.Range(0, 140).Select(i => $"c{i:D3}"));
        _github.Organizations["fawkes"] = [_repo];
        _host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?>
        {
            ["Integrations:GitHub:ApiBaseUrl"] = _github.ApiBase.ToString(),
            ["Integrations:GitHub:Token"] = FakeGitHub.Token,
        });
        _api = _host.NewClient(bearer: PortalHost.BootstrapToken);
        await CatalogFixture.WaitForAsync(_api, 60); // payments-api carries github.com/project-slug: fawkes/payments-api
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _host.DisposeAsync();
        await _github.DisposeAsync();
    }

    private static string Deployment(string id, string revision, int day, string service = "payments-api") => $$"""
        {"type":"deployment","id":"{{id}}","service":"{{service}}","environment":"production","result":"success",
         "startedAt":"2025-03-{{day:D2}}T10:00:00Z","finishedAt":"2025-03-{{day:D2}}T10:05:00Z","revision":"{{revision}}"}
        """;

    private const string PullRequest = """
        {"type":"pull_request","id":"pr-7","service":"payments-api","createdAt":"2025-03-03T09:00:00Z","mergedAt":"2025-03-04T09:00:00Z",
         "mergeCommitSha":"c002","firstCommitAt":"2025-03-02T09:00:00Z"}
        """;

    private async Task PostAsync(params string[] events)
    {
        var response = await _api.PostAsync("/api/dora/events", new StringContent($"[{string.Join(',', events)}]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>The deployments once every one has its commits (resolution runs in the background).</summary>
    private async Task<Dictionary<string, JsonObject>> ResolvedAsync(int expected, string service = "payments-api")
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var items = (await _api.GetFromJsonAsync<JsonObject>($"/api/dora/deployments?service={service}&from=2025-03-01&to=2025-03-31"))!["items"]!.AsArray()
                .Select(i => i!.AsObject()).ToList();
            if (items.Count == expected && items.All(i => i["commits"]!.AsArray().Count > 0 || i["id"]!.GetValue<string>().Contains("resync", StringComparison.Ordinal)))
            {
                return items.ToDictionary(i => i["id"]!.GetValue<string>());
            }
            Assert.True(DateTime.UtcNow < deadline, $"Commits not resolved after 20 s: {string.Join(", ", items.Select(i => i.ToJsonString()))}");
            await Task.Delay(200);
        }
    }

    private static string[] Commits(JsonObject deployment) => [.. deployment["commits"]!.AsArray().Select(c => c!.GetValue<string>())];

    [Fact]
    public async Task Commits_come_from_compare_with_the_previous_deployment_and_a_resync_ships_none()
    {
        await PostAsync(Deployment("d1", "c001", 1), Deployment("d2", "c003", 5), PullRequest);
        await PostAsync(Deployment("d3-resync", "c003", 6));

        var deployments = await ResolvedAsync(3);

        Assert.Equal(["c001"], Commits(deployments["d1"]));
        Assert.Equal(["c002", "c003"], Commits(deployments["d2"]));
        Assert.Empty(Commits(deployments["d3-resync"]));
        Assert.Equal("pr-7", deployments["d2"]["pullRequests"]!.AsArray().Single()!["id"]!.GetValue<string>());
        Assert.Equal(1, _github.CompareCalls); // first deployment and the re-sync need no call
    }

    [Fact]
    public async Task A_deployment_arriving_late_gives_the_same_commits_as_in_order()
    {
        await PostAsync(Deployment("d2", "c003", 5), PullRequest);
        Assert.Equal(["c003"], Commits((await ResolvedAsync(1))["d2"])); // the first one known so far

        await PostAsync(Deployment("d1", "c001", 1));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        Dictionary<string, JsonObject> deployments;
        do
        {
            deployments = await ResolvedAsync(2);
            await Task.Delay(100);
        }
        while (Commits(deployments["d2"]).Length != 2 && DateTime.UtcNow < deadline);
        Assert.Equal(["c002", "c003"], Commits(deployments["d2"]));
        Assert.Equal("pr-7", deployments["d2"]["pullRequests"]!.AsArray().Single()!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Long_ranges_are_read_page_by_page_and_explicit_commits_are_kept()
    {
        await PostAsync(Deployment("d1", "c001", 1), Deployment("d2", "c131", 9),
            Deployment("d3", "c135", 12).Replace("\"revision\"", "\"commits\":[\"c133\"],\"revision\"", StringComparison.Ordinal));

        var deployments = await ResolvedAsync(3);

        Assert.Equal(130, Commits(deployments["d2"]).Length);
        Assert.Equal("c131", Commits(deployments["d2"])[^1]);
        Assert.Equal(["c133"], Commits(deployments["d3"]));
    }

    [Fact]
    public async Task A_revision_GitHub_does_not_know_counts_only_the_deployed_revision_and_is_reported()
    {
        await PostAsync(Deployment("d1", "c001", 1), Deployment("d2", "feedbeef", 5));

        var deployments = await ResolvedAsync(2);

        Assert.Equal(["feedbeef"], Commits(deployments["d2"]));
        var quality = await _api.GetFromJsonAsync<JsonObject>("/api/dora/data-quality");
        var unresolved = quality!["unresolvedCommits"]!.AsArray().Single()!;
        Assert.Equal("d2", unresolved["id"]!.GetValue<string>());
        Assert.Contains("GitHub does not know", unresolved["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
