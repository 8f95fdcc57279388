using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Fawkes.Portal.Simulators.GitHub;

/// <summary>
/// GitHub (as GitHub Enterprise Server lays it out: REST API under <c>/api/v3/</c>, browser pages at the root) on a loopback
/// port, for what the portal's publisher and catalog do: users and organisations, repositories (create, get, update,
/// topics), the Git Data API (blobs, trees with <c>base_tree</c>, commits, refs) with git's own object ids, contents,
/// branches, pull requests and webhooks, plus <c>/{owner}/{repo}/blob/{ref}/{path}</c> pages. Token auth as GitHub does
/// it (<c>token x</c> or <c>Bearer x</c>), GitHub's error bodies (401 Bad credentials, 404, 409 on an empty repository,
/// 422 validation, 403 rate limit with <c>X-RateLimit-*</c>). <see cref="Faults"/> injects latency, 500s, revoked tokens,
/// an exhausted rate limit and failures after N calls. Used by demo mode and by the tests through real Octokit.
/// </summary>
public sealed partial class GitHubSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _token;
    private readonly Dictionary<string, SimAccount> _accounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SimRepo> _repos = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();
    private long _nextId = 1000;
    private int _requests;
    private SimGitHubJson _json = default!;

    private GitHubSimulator(WebApplication app, string token, SimAccount user) => (_app, _token, User) = (app, token, user);

    /// <summary>Browser root (<c>http://127.0.0.1:port/</c>); the API is <see cref="ApiBaseAddress"/>.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary><c>{BaseAddress}api/v3/</c>, the path Octokit uses for a GitHub Enterprise host.</summary>
    public Uri ApiBaseAddress => new(BaseAddress, "api/v3/");

    /// <summary>The account the token belongs to.</summary>
    public SimAccount User { get; }

    public GitHubFaults Faults { get; } = new();

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>"METHOD /path?query" of every request, in order.</summary>
    public ConcurrentQueue<string> RequestLog { get; } = new();

    /// <param name="token">The one token accepted; it belongs to <paramref name="user"/>.</param>
    /// <param name="organizations">Organisations the user may create repositories in.</param>
    public static async Task<GitHubSimulator> StartAsync(string token, string user, IEnumerable<string> organizations, int port = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentNullException.ThrowIfNull(organizations);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sim = new GitHubSimulator(app, token, new SimAccount(user, 1, false));
        sim._accounts[user] = sim.User;
        foreach (var org in organizations)
        {
            sim._accounts[org] = new SimAccount(org, sim.NextId(), true);
        }
        app.Use(sim.GateAsync);
        sim.MapAccounts(app.MapGroup("/api/v3"));
        sim.MapRepositories(app.MapGroup("/api/v3/repos/{owner}/{repo}"));
        sim.MapGitData(app.MapGroup("/api/v3/repos/{owner}/{repo}/git"));
        sim.MapPages(app);
        app.MapFallback(() => Error(HttpStatusCode.NotFound, "Not Found", "rest"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sim.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        sim._json = new SimGitHubJson(sim.BaseAddress);
        return sim;
    }

    /// <summary>Another user or organisation, one the token's user does not own.</summary>
    public void AddAccount(string login, bool isOrganization)
    {
        lock (_gate)
        {
            _accounts[login] = new SimAccount(login, NextId(), isOrganization);
        }
    }

    /// <summary>A repository as a test needs it before the run (for example one whose name is then taken), with one commit of <paramref name="files"/>.</summary>
    public void AddRepository(string owner, string name, IReadOnlyDictionary<string, string>? files = null, string branch = "main")
    {
        lock (_gate)
        {
            var account = _accounts[owner];
            var repo = new SimRepo(account, name, NextId(), DateTimeOffset.UtcNow) { DefaultBranch = branch };
            _repos[$"{owner}/{name}"] = repo;
            if (files is { Count: > 0 })
            {
                var tree = repo.Objects.BuildTree(files.ToDictionary(f => f.Key, f => ("100644", repo.Objects.AddBlob(System.Text.Encoding.UTF8.GetBytes(f.Value)).Sha), StringComparer.Ordinal));
                var person = new SimPerson(account.Login, $"{account.Login}@users.noreply.{BaseAddress.Host}", DateTimeOffset.UtcNow);
                repo.Refs["refs/heads/" + branch] = repo.Objects.AddCommit(tree.Sha, [], "Initial commit", person, person).Sha;
            }
        }
    }

    /// <summary>The repository itself (live, not a copy), or null: for assertions, read only between requests.</summary>
    public SimRepo? Repository(string owner, string name)
    {
        lock (_gate)
        {
            return _repos.GetValueOrDefault($"{owner}/{name}");
        }
    }

    private long NextId() => Interlocked.Increment(ref _nextId);

    /// <summary>Latency, authentication, rate limit, injected failures, then routing; every answer carries the rate-limit headers.</summary>
    private async Task GateAsync(HttpContext context, Func<Task> next)
    {
        Interlocked.Increment(ref _requests);
        var request = $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}";
        RequestLog.Enqueue(request);
        if (Faults.Latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Faults.Latency, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        var api = context.Request.Path.StartsWithSegments("/api/v3", StringComparison.Ordinal);
        var auth = context.Request.Headers.Authorization.ToString();
        var token = auth.StartsWith("token ", StringComparison.OrdinalIgnoreCase) ? auth[6..]
            : auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..] : null;
        if (auth.Length > 0 && (Faults.RejectToken || token != _token))
        {
            await Error(HttpStatusCode.Unauthorized, "Bad credentials", "rest").ExecuteAsync(context);
            return;
        }
        if (token is null && api && !HttpMethods.IsGet(context.Request.Method))
        {
            await Error(HttpStatusCode.Unauthorized, "Requires authentication", "rest").ExecuteAsync(context);
            return;
        }
        context.Items[AuthenticatedKey] = token is not null;
        if (api && !await RateLimitAsync(context))
        {
            return;
        }
        if (Faults.Injected(request) is { } status)
        {
            await Error((HttpStatusCode)status, status == 500 ? "Server Error" : ReasonPhrase(status), "rest").ExecuteAsync(context);
            return;
        }
        await next();
    }

    private const string AuthenticatedKey = "github-sim-authenticated";

    private static bool Authenticated(HttpContext context) => context.Items[AuthenticatedKey] is true;

    private async Task<bool> RateLimitAsync(HttpContext context)
    {
        var allowed = Faults.TakeRateLimit(out var remaining);
        var reset = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = "5000";
        headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Used"] = (5000 - remaining).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Resource"] = "core";
        if (allowed)
        {
            return true;
        }
        await Error(HttpStatusCode.Forbidden, $"API rate limit exceeded for user ID {User.Id}.", "rest/overview/rate-limits-for-the-rest-api")
            .ExecuteAsync(context);
        return false;
    }

    /// <summary>GitHub's error body: message, documentation URL and the status as a string.</summary>
    internal static IResult Error(HttpStatusCode status, string message, string docs, JsonArray? errors = null)
    {
        var body = new JsonObject { ["message"] = message };
        if (errors is not null)
        {
            body["errors"] = errors;
        }
        body["documentation_url"] = "https://docs.github.com/" + docs;
        body["status"] = ((int)status).ToString(CultureInfo.InvariantCulture);
        return Results.Json(body, statusCode: (int)status);
    }

    /// <summary>422 "Validation Failed" with one error object, as GitHub reports a field it refuses.</summary>
    internal static IResult Invalid(string resource, string field, string code, string docs, string? message = null, string title = "Validation Failed")
    {
        var error = new JsonObject { ["resource"] = resource, ["code"] = code, ["field"] = field };
        if (message is not null)
        {
            error["message"] = message;
        }
        return Error(HttpStatusCode.UnprocessableEntity, title, docs, [error]);
    }

    internal static IResult NotFound(string docs) => Error(HttpStatusCode.NotFound, "Not Found", docs);

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    /// <summary>The JSON body, or null when it does not parse (GitHub: 400 "Problems parsing JSON").</summary>
    private static async Task<JsonObject?> BodyAsync(HttpContext context)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly IResult BadJson = Error(HttpStatusCode.BadRequest, "Problems parsing JSON", "rest");

    /// <summary>The repository if the caller may see it: private ones are 404 to anonymous callers, as on GitHub.</summary>
    private SimRepo? Visible(HttpContext context, string owner, string repo) =>
        _repos.GetValueOrDefault($"{owner}/{repo}") is { } found && (!found.IsPrivate || Authenticated(context)) ? found : null;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
