using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fawkes.Portal.Testing;

public sealed record FakeRepository(string Name, string DefaultBranch = "main", bool Archived = false)
{
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>The default branch's commits, oldest first (a linear history is enough for compare).</summary>
    public List<string> History { get; } = [];
}

/// <summary>
/// GitHub's REST API as Octokit calls it for the catalog (GitHub Enterprise style base <c>/api/v3/</c>):
/// organisation repositories and raw file contents, with token auth and GitHub's 404 body.
/// </summary>
public sealed class FakeGitHub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeGitHub(WebApplication app) => _app = app;

    public Uri ApiBase { get; private set; } = default!;
    public Dictionary<string, List<FakeRepository>> Organizations { get; } = new(StringComparer.OrdinalIgnoreCase);
    public const string Token = "ghp_fake_token_for_tests_only";
    private int _compareCalls;

    /// <summary>How often the compare API was called (its answers must be cached).</summary>
    public int CompareCalls => Volatile.Read(ref _compareCalls);

    public static async Task<FakeGitHub> StartAsync()
    {
        var app = LoopbackApp.Create();
        var fake = new FakeGitHub(app);
        app.Use(async (ctx, next) =>
        {
            var auth = ctx.Request.Headers.Authorization.ToString();
            if (!auth.EndsWith(Token, StringComparison.Ordinal))
            {
                ctx.Response.StatusCode = 401;
                await ctx.Response.WriteAsJsonAsync(new { message = "Bad credentials", documentation_url = "https://docs.github.com/rest" });
                return;
            }
            await next();
        });
        app.MapGet("/api/v3/orgs/{org}/repos", (string org) => fake.Organizations.TryGetValue(org, out var repos)
            ? Results.Json(repos.Select((r, i) => new
            {
                id = 1000 + i, name = r.Name, full_name = $"{org}/{r.Name}", @private = false, archived = r.Archived,
                default_branch = r.DefaultBranch, owner = new { login = org, id = 1, type = "Organization" },
                html_url = $"https://github.com/{org}/{r.Name}", url = $"https://api.github.com/repos/{org}/{r.Name}",
            }))
            : NotFound());
        app.MapGet("/api/v3/repos/{owner}/{repo}/contents/{**path}", (string owner, string repo, string path, string? @ref) =>
        {
            var repository = fake.Organizations.GetValueOrDefault(owner)?.FirstOrDefault(r => r.Name == repo);
            var key = Uri.UnescapeDataString(path);
            return repository is not null && (@ref is null || @ref == repository.DefaultBranch) && repository.Files.TryGetValue(key, out var text)
                ? Results.Text(text, "application/vnd.github.v3.raw")
                : NotFound();
        });
        app.MapGet("/api/v3/repos/{owner}/{repo}/compare/{basehead}", (string owner, string repo, string basehead, int? page, int? per_page) =>
        {
            Interlocked.Increment(ref fake._compareCalls);
            var repository = fake.Organizations.GetValueOrDefault(owner)?.FirstOrDefault(r => r.Name == repo);
            var parts = Uri.UnescapeDataString(basehead).Split("...");
            var (from, to) = repository is null || parts.Length != 2 ? (-1, -1) : (repository.History.IndexOf(parts[0]), repository.History.IndexOf(parts[1]));
            if (from < 0 || to < 0)
            {
                return NotFound();
            }
            var ahead = repository!.History.Skip(from + 1).Take(Math.Max(0, to - from)).ToList();
            var size = Math.Clamp(per_page ?? 250, 1, 250);
            var commits = ahead.Skip(((page ?? 1) - 1) * size).Take(size).Select(sha => new
            {
                sha, url = $"https://api.github.com/repos/{owner}/{repo}/commits/{sha}", html_url = $"https://github.com/{owner}/{repo}/commit/{sha}",
                commit = new { message = $"commit {sha}", author = new { name = "Dev", email = "dev@example.com", date = "2024-05-01T00:00:00Z" } },
            });
            return Results.Json(new
            {
                url = $"https://api.github.com/repos/{owner}/{repo}/compare/{basehead}",
                status = to > from ? "ahead" : to == from ? "identical" : "behind",
                ahead_by = Math.Max(0, to - from), behind_by = Math.Max(0, from - to), total_commits = ahead.Count,
                commits, files = Array.Empty<object>(),
            });
        });
        fake.ApiBase = new Uri(await LoopbackApp.StartAsync(app), "/api/v3/");
        return fake;
    }

    private static IResult NotFound() =>
        Results.Json(new { message = "Not Found", documentation_url = "https://docs.github.com/rest", status = "404" }, statusCode: 404);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
