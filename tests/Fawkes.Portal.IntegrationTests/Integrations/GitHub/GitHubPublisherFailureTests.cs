using System.Net;
using Fawkes.Portal.Integrations.GitHub;

namespace Fawkes.Portal.IntegrationTests.Integrations.GitHub;

/// <summary>GitHub saying no, or failing half-way: typed errors, plain messages, what was already created, never the token.</summary>
public sealed class GitHubPublisherFailureTests : IAsyncLifetime
{
    private readonly PublisherHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task An_existing_repository_is_reported_before_anything_is_created_or_pushed()
    {
        await _h.StartAsync();
        _h.Sim.AddRepository("acme", "taken", new Dictionary<string, string> { ["README.md"] = "old\n" });

        var ex = await Assert.ThrowsAsync<RepositoryAlreadyExistsException>(() =>
            _h.Publisher.CreateRepositoryAsync(new RepositoryToCreate("acme", "taken")));

        Assert.Contains("Repository acme/taken already exists", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new Uri(_h.Sim.BaseAddress, "acme/taken").AbsoluteUri, ex.Url);
        Assert.DoesNotContain(_h.Sim.RequestLog, r => !r.StartsWith("GET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_simulator_answers_GitHub_s_422_when_the_name_is_taken_which_Octokit_knows()
    {
        await _h.StartAsync();
        _h.Sim.AddRepository("acme", "taken");
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_h.Sim.ApiBaseAddress, "orgs/acme/repos"))
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { name = "taken" }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("token", PublisherHarness.Token);

        using var answer = await http.SendAsync(request);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        Assert.Equal("Repository creation failed.", body["message"]!.GetValue<string>());
        Assert.Equal("name already exists on this account", body["errors"]![0]!["message"]!.GetValue<string>());
        var ex = await Assert.ThrowsAsync<Octokit.RepositoryExistsException>(() => _h.Api.Repository.Create("acme", new Octokit.NewRepository("taken")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ex.StatusCode);
    }

    [Fact]
    public async Task A_refused_token_is_a_401_naming_the_setting_and_never_the_token()
    {
        var wrong = Fawkes.Portal.Testing.TestSecret.New("ghp-wrong");
        await _h.StartAsync(token: wrong);

        var ex = await Assert.ThrowsAsync<GitHubAuthenticationException>(() => _h.Publisher.CreateRepositoryAsync(new RepositoryToCreate("acme", "svc")));

        Assert.Contains("refused the token (Bad credentials)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Integrations:GitHub:Token", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(PublisherHarness.Token, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exhausted_rate_limit_says_when_it_resets()
    {
        await _h.StartAsync();
        _h.Sim.Faults.RateLimitRemaining = 0;

        var ex = await Assert.ThrowsAsync<GitHubRateLimitException>(() => _h.Publisher.CreateRepositoryAsync(new RepositoryToCreate("acme", "svc")));

        Assert.Contains("API rate limit is used up (5000 requests an hour)", ex.Message, StringComparison.Ordinal);
        Assert.InRange(ex.ResetsAt, DateTimeOffset.UtcNow.AddMinutes(50), DateTimeOffset.UtcNow.AddMinutes(61));
    }

    [Fact]
    public async Task GitHub_failing_mid_push_names_the_file_the_status_and_what_was_already_created()
    {
        await _h.StartAsync();
        await _h.Publisher.CreateRepositoryAsync(new RepositoryToCreate("acme", "svc"));
        _h.Sim.Faults.FailAfter(2, "POST /api/v3/repos/acme/svc/git/blobs");
        var files = Enumerable.Range(1, 4).Select(i => PublisherHarness.File($"f{i}.txt", $"{i}\n")).ToList();

        var ex = await Assert.ThrowsAsync<GitHubPublishException>(() => _h.Publisher.PushWorkspaceAsync("acme", "svc", "main", files, "Initial"));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.Status);
        Assert.StartsWith("Uploading file 3 of 4 (f3.txt) in acme/svc failed: GitHub (127.0.0.1) answered 500 (Server Error).", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"bootstrap commit", Assert.Single(ex.AlreadyDone), StringComparison.Ordinal);
        Assert.Contains("Already done on GitHub: bootstrap commit", ex.Message, StringComparison.Ordinal);
        // The branch still holds only the bootstrap commit: no workspace commit was published.
        _h.Sim.Faults.Reset();
        var head = await _h.Api.Git.Commit.Get("acme", "svc", (await _h.Api.Git.Reference.Get("acme", "svc", "heads/main")).Object.Sha);
        Assert.StartsWith("Bootstrap", head.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitHub_failing_at_the_branch_update_reports_the_commit_it_left_unpublished()
    {
        await _h.StartAsync();
        await _h.Publisher.CreateRepositoryAsync(new RepositoryToCreate("acme", "svc"));
        await _h.Publisher.PushWorkspaceAsync("acme", "svc", "main", [PublisherHarness.File("a.txt", "a\n")], "One");
        _h.Sim.Faults.FailAfter(0, "PATCH /api/v3/repos/acme/svc/git/refs/heads/main", status: 502);

        var ex = await Assert.ThrowsAsync<GitHubPublishException>(() =>
            _h.Publisher.PushWorkspaceAsync("acme", "svc", "main", [PublisherHarness.File("b.txt", "b\n")], "Two"));

        Assert.Contains("Moving branch main to the commit in acme/svc failed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(not yet on any branch)", ex.Message, StringComparison.Ordinal);
        Assert.Collection(ex.AlreadyDone,
            d => Assert.Equal("1 file(s) uploaded as blobs", d),
            d => Assert.StartsWith("tree ", d, StringComparison.Ordinal),
            d => Assert.EndsWith("created (not yet on any branch)", d, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_workspace_path_escaping_the_repository_is_refused_before_any_request()
    {
        await _h.StartAsync();

        var ex = await Assert.ThrowsAsync<GitHubPublishException>(() =>
            _h.Publisher.PushWorkspaceAsync("acme", "svc", "main", [PublisherHarness.File("../etc/passwd", "x")], "Initial"));

        Assert.Equal("Cannot publish acme/svc: workspace file '../etc/passwd': the path contains '..'. Nothing was created on GitHub.", ex.Message);
        Assert.Equal(0, _h.Sim.Requests);
    }

    [Fact]
    public async Task A_pull_request_from_a_branch_that_exists_is_refused_before_anything_is_created()
    {
        await _h.StartAsync();
        _h.Sim.AddRepository("acme", "svc", new Dictionary<string, string> { ["a.txt"] = "a\n" });
        await _h.Publisher.CreatePullRequestAsync("acme", "svc", "main", "feature", "First", null, [PublisherHarness.File("b.txt", "b\n")]);
        var before = _h.Sim.RequestLog.Count(r => !r.StartsWith("GET", StringComparison.Ordinal));

        var ex = await Assert.ThrowsAsync<GitHubPublishException>(() =>
            _h.Publisher.CreatePullRequestAsync("acme", "svc", "main", "feature", "Again", null, [PublisherHarness.File("c.txt", "c\n")]));

        Assert.Contains("branch feature already exists", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, _h.Sim.RequestLog.Count(r => !r.StartsWith("GET", StringComparison.Ordinal)));
    }
}
