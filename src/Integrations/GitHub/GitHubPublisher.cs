using Octokit;

namespace Fawkes.Portal.Integrations.GitHub;

/// <summary>
/// Creates repositories, commits, pull requests and webhooks on GitHub through Octokit, for the scaffolder's
/// <c>publish:github</c>, <c>publish:github:pull-request</c>, <c>github:repo:create</c>, <c>github:repo:push</c> and
/// <c>github:webhook</c>. Talks to <see cref="GitHubClients.Publishing"/>: the configured GitHub, or the demo simulator
/// when demo mode runs without a token. Every failure is a <see cref="GitHubPublishException"/> naming the repository,
/// what GitHub said and what was already created.
/// </summary>
/// <remarks>Octokit takes no CancellationToken: <c>WaitAsync(ct)</c> stops waiting, the pipeline's timeout ends the request.</remarks>
public sealed partial class GitHubPublisher(GitHubClients clients, ILogger<GitHubPublisher> logger)
{
    public static readonly IReadOnlyList<string> Visibilities = ["public", "private", "internal"];

    /// <summary>The GitHub repositories are created on (labelled demo when it is the simulator).</summary>
    public GitHubEndpoint Endpoint => clients.Publishing;

    /// <summary>
    /// Creates an empty repository for a user or in an organisation (which one is asked of GitHub, as Backstage does),
    /// then sets its topics. Checks first that it does not exist: <see cref="RepositoryAlreadyExistsException"/> is thrown
    /// before anything is created. The default branch is made by the first push (<see cref="PushWorkspaceAsync"/>).
    /// </summary>
    public async Task<PublishedRepository> CreateRepositoryAsync(RepositoryToCreate request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var full = $"{request.Owner}/{request.Name}";
        Require(full, !string.IsNullOrWhiteSpace(request.Owner) && !string.IsNullOrWhiteSpace(request.Name), "owner and name are required");
        Require(full, Visibilities.Contains(request.Visibility), $"visibility '{request.Visibility}' is not one of {string.Join(", ", Visibilities)}");
        Require(full, GitPaths.IsValidBranch(request.DefaultBranch), $"default branch '{request.DefaultBranch}' is not a valid branch name");
        var endpoint = Endpoint;
        var client = clients.Create(endpoint);
        var done = new List<string>();
        var isOrganization = await Call(endpoint, full, "looking up the owner", done, async () =>
        {
            var account = await client.User.Get(request.Owner).WaitAsync(ct);
            return account.Type == AccountType.Organization;
        });
        Require(full, !(request.Visibility == "internal" && !isOrganization), $"'{request.Owner}' is a user; only organisation repositories can be internal");
        if (!isOrganization)
        {
            var me = await Call(endpoint, full, "looking up the token's user", done, () => client.User.Current().WaitAsync(ct));
            Require(full, string.Equals(me.Login, request.Owner, StringComparison.OrdinalIgnoreCase),
                $"the token belongs to '{me.Login}', which can create repositories only for itself or in its organisations, not for user '{request.Owner}'");
        }
        if (await Call(endpoint, full, "checking whether the repository exists", done, () => FindAsync(client, request.Owner, request.Name, ct)) is { } existing)
        {
            throw new RepositoryAlreadyExistsException(existing.FullName, existing.HtmlUrl);
        }
        var create = new NewRepository(request.Name)
        {
            Description = request.Description, Private = request.Visibility != "public",
            Visibility = request.Visibility switch { "public" => RepositoryVisibility.Public, "internal" => RepositoryVisibility.Internal, _ => RepositoryVisibility.Private },
        };
        var repository = await Call(endpoint, full, "creating the repository", done, async () =>
        {
            try
            {
                return isOrganization ? await client.Repository.Create(request.Owner, create).WaitAsync(ct) : await client.Repository.Create(create).WaitAsync(ct);
            }
            catch (RepositoryExistsException)
            {
                // Created by someone else between the check and the create.
                throw new RepositoryAlreadyExistsException(full, new Uri(endpoint.WebBaseUrl, full).AbsoluteUri);
            }
        });
        done.Add($"repository {repository.FullName} created ({repository.HtmlUrl})");
        var warnings = new List<string>();
        if (request.Topics is { Count: > 0 } topics)
        {
            // As Backstage: topics are lower-cased, and a refused topic is a warning, not a failed step.
            try
            {
                await client.Repository.ReplaceAllTopics(request.Owner, request.Name, new RepositoryTopics(topics.Select(t => t.ToLowerInvariant()))).WaitAsync(ct);
            }
            catch (ApiException ex)
            {
                warnings.Add($"Topics {string.Join(' ', topics)} were not set on {full}: {GitHubPublishErrors.Said(ex)}");
                logger.LogWarning("Topics not set on {Repository}: {Reason}", full, GitHubPublishErrors.Said(ex));
            }
        }
        logger.LogInformation("Created repository {Repository} on {GitHub}", repository.FullName, endpoint);
        return new PublishedRepository(repository.Owner.Login, repository.Name, isOrganization, repository.HtmlUrl, repository.CloneUrl,
            $"{repository.HtmlUrl}/blob/{request.DefaultBranch}", request.DefaultBranch, endpoint.Demo, warnings);
    }

    /// <summary>A repository hook that sends <paramref name="events"/> to <paramref name="url"/>, signed with <paramref name="secret"/>.</summary>
    /// <param name="contentType"><c>json</c> or <c>form</c>.</param>
    public async Task<CreatedWebhook> CreateWebhookAsync(
        string owner, string repo, string url, string? secret, IReadOnlyList<string>? events = null, string contentType = "form", bool insecureSsl = false,
        bool active = true, CancellationToken ct = default)
    {
        var full = $"{owner}/{repo}";
        Require(full, Uri.TryCreate(url, UriKind.Absolute, out var target) && target.Scheme is "http" or "https", $"webhook URL '{url}' is not an absolute http(s) URL");
        Require(full, contentType is "json" or "form", $"webhook content type '{contentType}' is not 'json' or 'form'");
        var endpoint = Endpoint;
        var client = clients.Create(endpoint);
        var hook = new NewRepositoryWebHook("web", new Dictionary<string, string>(), url)
        {
            ContentType = contentType == "json" ? WebHookContentType.Json : WebHookContentType.Form, Secret = secret, InsecureSsl = insecureSsl,
        }.ToRequest();
        hook.Events = events is { Count: > 0 } ? events : ["push"];
        // Octokit sends "active": false unless told; GitHub (and Backstage's github:webhook) default to an active hook.
        hook.Active = active;
        var created = await Call(endpoint, full, "creating the webhook", [], () => client.Repository.Hooks.Create(owner, repo, hook).WaitAsync(ct));
        return new CreatedWebhook(created.Id, created.Url, [.. created.Events]);
    }

    private static async Task<Repository?> FindAsync(GitHubClient client, string owner, string name, CancellationToken ct)
    {
        try
        {
            return await client.Repository.Get(owner, name).WaitAsync(ct);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>Runs one GitHub call; a failure becomes a <see cref="GitHubPublishException"/> saying what was being done and what was done before.</summary>
    private static async Task<T> Call<T>(GitHubEndpoint endpoint, string repository, string doing, IReadOnlyList<string> done, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is ApiException or HttpRequestException or TimeoutException or GitHubPublishException
            || (ex is TaskCanceledException && ex.InnerException is TimeoutException))
        {
            throw GitHubPublishErrors.Map(ex, repository, doing, [.. done], endpoint);
        }
    }

    private static void Require(string repository, bool condition, string problem)
    {
        if (!condition)
        {
            throw new GitHubPublishException($"Cannot publish {repository}: {problem}. Nothing was created on GitHub.", repository);
        }
    }
}
