using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fawkes.Portal.Testing;

/// <summary>One build as the JSON API lists it; <see cref="Result"/> is null while it runs.</summary>
public sealed record FakeBuild(int Number, string? Result, long TimestampMs, long DurationMs, string? Sha = null, string? Branch = null)
{
    public bool Building => Result is null;
}

public sealed class FakeJenkinsJob(string fullName)
{
    private readonly List<FakeBuild> _builds = [];

    public string FullName { get; } = fullName;
    public FakeBehavior Behavior { get; set; }
    /// <summary>How long each answer about this job takes (a slow Jenkins), so overlapping rounds would show.</summary>
    public TimeSpan Delay { get; set; }

    public FakeJenkinsJob Add(FakeBuild build)
    {
        lock (_builds)
        {
            _builds.Add(build);
        }
        return this;
    }

    /// <summary>Newest first, as Jenkins lists them.</summary>
    internal FakeBuild[] Builds()
    {
        lock (_builds)
        {
            return [.. _builds.OrderByDescending(b => b.Number)];
        }
    }
}

/// <summary>
/// The Jenkins JSON API for jobs in folders (<c>/job/a/job/b/api/json?tree=builds[...]</c>) with basic auth (user + API
/// token), Jenkins' HTML 401/404 pages, and the Git plugin's BuildData action carrying <c>lastBuiltRevision</c>.
/// </summary>
public sealed class FakeJenkins : IAsyncDisposable
{
    public const string User = "fawkes-bot";
    public const string ApiToken = "11aa22bb33cc44dd55ee66ff77aa88bb99";
    /// <summary>Jenkins writes field names as they are (<c>SHA1</c>) and keeps nulls (<c>"result": null</c> while building).</summary>
    private static readonly JsonSerializerOptions Wire = new();
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeJenkinsJob> _jobs = new(StringComparer.Ordinal);

    private FakeJenkins(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = default!;

    private int _inFlight;
    private int _maxInFlight;
    private int _jobRequests;

    /// <summary>Requests for a known job's builds, from any number of portals.</summary>
    public int JobRequests => Volatile.Read(ref _jobRequests);

    /// <summary>The most requests for job builds that were ever being answered at the same time.</summary>
    public int MaxConcurrentJobRequests => Volatile.Read(ref _maxInFlight);

    public FakeJenkinsJob Job(string fullName) => _jobs.GetOrAdd(fullName, n => new FakeJenkinsJob(n));

    public static async Task<FakeJenkins> StartAsync()
    {
        var app = LoopbackApp.Create();
        var fake = new FakeJenkins(app);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{ApiToken}"));
        app.Use(async (ctx, next) =>
        {
            if (ctx.Request.Headers.Authorization.ToString() != expected)
            {
                ctx.Response.Headers.WWWAuthenticate = "Basic realm=\"Jenkins\"";
                await Html(ctx, 401, "Error 401 Invalid password/token for user: " + User);
                return;
            }
            await next();
        });
        app.MapGet("/{**path}", async (HttpContext ctx, string path) =>
        {
            var parts = path.Trim('/').Split('/');
            // job/a/job/b/api/json: pairs of "job", name, then api/json.
            var isJobApi = parts.Length >= 4 && parts[^2] == "api" && parts[^1] == "json" && parts.Length % 2 == 0
                && parts[..^2].Where((_, i) => i % 2 == 0).All(p => p == "job");
            var name = isJobApi ? string.Join('/', parts[..^2].Where((_, i) => i % 2 == 1).Select(Uri.UnescapeDataString)) : "";
            if (!isJobApi || !fake._jobs.TryGetValue(name, out var job))
            {
                await Html(ctx, 404, "Error 404 Not Found");
                return;
            }
            Interlocked.Increment(ref fake._jobRequests);
            var now = Interlocked.Increment(ref fake._inFlight);
            InterlockedMax(ref fake._maxInFlight, now);
            try
            {
                await Task.Delay(job.Delay, ctx.RequestAborted);
                await AnswerAsync(ctx, fake, job, name);
            }
            finally
            {
                Interlocked.Decrement(ref fake._inFlight);
            }
        });
        fake.BaseUrl = await LoopbackApp.StartAsync(app);
        return fake;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static async Task AnswerAsync(HttpContext ctx, FakeJenkins fake, FakeJenkinsJob job, string name)
    {
        switch (job.Behavior)
        {
            case FakeBehavior.ServerError:
                await Html(ctx, 500, "Error 500 Server Error");
                return;
            case FakeBehavior.Hang:
                await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
                return;
            case FakeBehavior.MalformedJson:
                ctx.Response.ContentType = "application/json;charset=utf-8";
                await ctx.Response.WriteAsync("{\"builds\":[{\"number\":");
                return;
            default:
                var tree = ctx.Request.Query["tree"].ToString();
                var url = $"{fake.BaseUrl}{string.Concat(name.Split('/').Select(n => $"job/{n}/"))}";
                await ctx.Response.WriteAsJsonAsync(new
                {
                    _class = "org.jenkinsci.plugins.workflow.job.WorkflowJob",
                    // Without a builds tree Jenkins lists numbers and URLs only; the poller must ask for the fields it reads.
                    builds = tree.StartsWith("builds[", StringComparison.Ordinal)
                        ? job.Builds().Select(b => Build(b, url))
                        : job.Builds().Select(b => (object)new { _class = "org.jenkinsci.plugins.workflow.job.WorkflowRun", number = b.Number, url = $"{url}{b.Number}/" }),
                }, Wire);
                return;
        }
    }

    private static object Build(FakeBuild b, string jobUrl) => new
    {
        _class = "org.jenkinsci.plugins.workflow.job.WorkflowRun",
        // The tree keeps every action but only the asked-for fields: actions without them are empty objects.
        actions = new object[]
        {
            new { _class = "hudson.model.CauseAction" },
            b.Sha is null
                ? new { _class = "hudson.plugins.git.util.BuildData" }
                : (object)new { _class = "hudson.plugins.git.util.BuildData", lastBuiltRevision = new { SHA1 = b.Sha, branch = new[] { new { name = b.Branch } } } },
            new { },
        },
        building = b.Building,
        duration = b.Building ? 0 : b.DurationMs,
        number = b.Number,
        result = b.Result,
        timestamp = b.TimestampMs,
        url = $"{jobUrl}{b.Number}/",
    };

    private static async Task Html(HttpContext ctx, int status, string title)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/html;charset=utf-8";
        await ctx.Response.WriteAsync($"<html><head><title>{title}</title></head><body><h2>HTTP ERROR {status}</h2></body></html>");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
