using System.Text;
using Fawkes.Portal.Integrations.GitHub;
using Octokit;

namespace Fawkes.Portal.IntegrationTests.Integrations.GitHub;

/// <summary>The publisher through real Octokit against the simulated GitHub; every result is checked through the API.</summary>
public sealed class GitHubPublisherTests : IAsyncLifetime
{
    private readonly PublisherHarness _h = new();

    public Task InitializeAsync() => _h.InitializeAsync();

    public Task DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task CreateRepositoryAsync_in_an_organisation_sets_description_visibility_topics_and_Backstage_s_outputs()
    {
        var created = await _h.Publisher.CreateRepositoryAsync(new RepositoryToCreate(
            PublisherHarness.Org, "payments-api", "Takes payments", "internal", "main", ["Payments", "python"]));

        Assert.True(created.OwnerIsOrganization);
        Assert.Equal(new Uri(_h.Sim.BaseAddress, "acme/payments-api.git").AbsoluteUri, created.RemoteUrl);
        Assert.Equal(new Uri(_h.Sim.BaseAddress, "acme/payments-api/blob/main").AbsoluteUri, created.RepoContentsUrl);
        Assert.Contains("POST /api/v3/orgs/acme/repos", _h.Sim.RequestLog);
        var repo = await _h.Api.Repository.Get("acme", "payments-api");
        Assert.Equal(("Takes payments", true, RepositoryVisibility.Internal), (repo.Description, repo.Private, repo.Visibility!.Value));
        Assert.Equal(["payments", "python"], (await _h.Api.Repository.GetAllTopics("acme", "payments-api")).Names);
        Assert.Empty(created.Warnings);
    }

    [Fact]
    public async Task CreateRepositoryAsync_for_the_token_s_user_uses_the_user_endpoint()
    {
        var created = await _h.Publisher.CreateRepositoryAsync(new RepositoryToCreate(PublisherHarness.User, "notes", Visibility: "public"));

        Assert.False(created.OwnerIsOrganization);
        Assert.Contains("POST /api/v3/user/repos", _h.Sim.RequestLog);
        Assert.False((await _h.Api.Repository.Get(PublisherHarness.User, "notes")).Private);
    }

    [Fact]
    public async Task CreateRepositoryAsync_for_another_user_is_refused_before_anything_is_created()
    {
        _h.Sim.AddAccount("someone-else", isOrganization: false);
        var ex = await Assert.ThrowsAsync<GitHubPublishException>(() =>
            _h.Publisher.CreateRepositoryAsync(new RepositoryToCreate("someone-else", "notes")));

        Assert.Contains("the token belongs to 'dev-user'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_h.Sim.RequestLog, r => r.StartsWith("POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PushWorkspaceAsync_to_a_new_repository_leaves_exactly_one_commit_with_every_file_and_its_mode()
    {
        await _h.Publisher.CreateRepositoryAsync(new RepositoryToCreate("acme", "svc"));
        var files = new[]
        {
            PublisherHarness.File("README.md", "# svc\n"), PublisherHarness.File("scripts/run.sh", "#!/bin/sh\necho hi\n", executable: true),
            PublisherHarness.File("src/app/main.py", "print(1)\n"), ("logo.bin", new byte[] { 0, 255, 1, 254 }, false),
        };

        var sha = await _h.Publisher.PushWorkspaceAsync("acme", "svc", "main", files, "Initial commit from the template", new GitAuthor("Ada", "ada@example.com"));

        Assert.Equal(sha, (await _h.Api.Git.Reference.Get("acme", "svc", "heads/main")).Object.Sha);
        var commit = await _h.Api.Git.Commit.Get("acme", "svc", sha);
        Assert.Empty(commit.Parents);
        Assert.Equal(("Initial commit from the template", "Ada", "ada@example.com"), (commit.Message, commit.Author.Name, commit.Author.Email));
        var tree = await _h.Api.Git.Tree.GetRecursive("acme", "svc", commit.Tree.Sha);
        var blobs = tree.Tree.Where(i => i.Type.Value == TreeType.Blob).ToDictionary(i => i.Path, i => i.Mode);
        Assert.Equal(new Dictionary<string, string>
        {
            ["README.md"] = "100644", ["logo.bin"] = "100644", ["scripts/run.sh"] = "100755", ["src/app/main.py"] = "100644",
        }, blobs);
        // git's own id for that content: the simulator hashes as git does.
        Assert.Equal("4163036efa65bd4a469e752267498f01ea36a55c", tree.Tree.Single(i => i.Path == "scripts/run.sh").Sha);
        var binary = await _h.Api.Git.Blob.Get("acme", "svc", tree.Tree.Single(i => i.Path == "logo.bin").Sha);
        Assert.Equal(new byte[] { 0, 255, 1, 254 }, Convert.FromBase64String(binary.Content));
        Assert.Equal("main", (await _h.Api.Repository.Get("acme", "svc")).DefaultBranch);
    }

    [Fact]
    public async Task PushWorkspaceAsync_to_another_default_branch_makes_it_the_default_and_removes_the_bootstrap_branch()
    {
        var created = await _h.Publisher.CreateRepositoryAsync(new RepositoryToCreate("acme", "svc", DefaultBranch: "trunk"));

        await _h.Publisher.PushWorkspaceAsync("acme", "svc", "trunk", [PublisherHarness.File("a.txt", "a\n")], "Initial");

        Assert.EndsWith("/acme/svc/blob/trunk", created.RepoContentsUrl, StringComparison.Ordinal);
        Assert.Equal("trunk", (await _h.Api.Repository.Get("acme", "svc")).DefaultBranch);
        Assert.Equal(["trunk"], (await _h.Api.Repository.Branch.GetAll("acme", "svc")).Select(b => b.Name));
    }

    [Fact]
    public async Task PushWorkspaceAsync_to_an_existing_branch_adds_one_commit_on_top()
    {
        await _h.Publisher.CreateRepositoryAsync(new RepositoryToCreate("acme", "svc"));
        var first = await _h.Publisher.PushWorkspaceAsync("acme", "svc", "main", [PublisherHarness.File("a.txt", "a\n")], "One");

        var second = await _h.Publisher.PushWorkspaceAsync("acme", "svc", "main", [PublisherHarness.File("b.txt", "b\n")], "Two");

        Assert.Equal([first], (await _h.Api.Git.Commit.Get("acme", "svc", second)).Parents.Select(p => p.Sha));
    }

    [Fact]
    public async Task CreatePullRequestAsync_branches_from_the_target_keeps_its_files_and_opens_the_pull_request()
    {
        await _h.Publisher.CreateRepositoryAsync(new RepositoryToCreate("acme", "svc"));
        var head = await _h.Publisher.PushWorkspaceAsync("acme", "svc", "main", [PublisherHarness.File("a.txt", "a\n")], "One");

        var pr = await _h.Publisher.CreatePullRequestAsync("acme", "svc", "main", "add-catalog", "Add catalog entry", "Registers the service",
            [PublisherHarness.File("catalog-info.yaml", "kind: Component\n")]);

        Assert.Equal(1, pr.Number);
        Assert.Equal(new Uri(_h.Sim.BaseAddress, "acme/svc/pull/1").AbsoluteUri, pr.Url);
        var pull = await _h.Api.PullRequest.Get("acme", "svc", 1);
        Assert.Equal(("add-catalog", "main", "Registers the service", "Add catalog entry"), (pull.Head.Ref, pull.Base.Ref, pull.Body, pull.Title));
        Assert.Equal([head], (await _h.Api.Git.Commit.Get("acme", "svc", pr.CommitSha)).Parents.Select(p => p.Sha));
        var files = await _h.Api.Git.Tree.GetRecursive("acme", "svc", "add-catalog");
        Assert.Equal(["a.txt", "catalog-info.yaml"], files.Tree.Select(i => i.Path));
    }

    [Fact]
    public async Task CreateWebhookAsync_registers_the_url_events_and_content_type_and_GitHub_never_echoes_the_secret()
    {
        await _h.Publisher.CreateRepositoryAsync(new RepositoryToCreate("acme", "svc"));

        var hook = await _h.Publisher.CreateWebhookAsync("acme", "svc", "https://portal.example.com/api/webhooks/github", "s3cret",
            ["push", "pull_request"], "json");

        var stored = (await _h.Api.Repository.Hooks.GetAll("acme", "svc")).Single();
        Assert.Equal(hook.Id, stored.Id);
        Assert.Equal(["push", "pull_request"], stored.Events);
        Assert.Equal(("https://portal.example.com/api/webhooks/github", "json", "********"),
            (stored.Config["url"], stored.Config["content_type"], stored.Config["secret"]));
        Assert.True(stored.Active, "GitHub and Backstage default to an active hook");
    }

    [Fact]
    public async Task A_pushed_catalog_file_is_readable_through_its_repoContentsUrl_as_the_catalog_reads_it()
    {
        var created = await _h.Publisher.CreateRepositoryAsync(new RepositoryToCreate("acme", "svc"));
        await _h.Publisher.PushWorkspaceAsync("acme", "svc", "main", [PublisherHarness.File("catalog-info.yaml", "kind: Component\n")], "One");
        using var browser = new HttpClient();

        var page = await browser.GetStringAsync(created.RepoContentsUrl + "/catalog-info.yaml");
        var raw = await _h.Api.Repository.Content.GetRawContentByRef("acme", "svc", "catalog-info.yaml", "main");

        Assert.Equal("kind: Component\n", page);
        Assert.Equal("kind: Component\n", Encoding.UTF8.GetString(raw));
    }
}
