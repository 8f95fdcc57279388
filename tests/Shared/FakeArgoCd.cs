using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fawkes.Portal.Testing;

/// <summary>How a fake upstream answers for one app or job.</summary>
public enum FakeBehavior { Normal, ServerError, Hang, MalformedJson }

/// <summary>One <c>status.history[]</c> entry as ArgoCD writes it (times RFC 3339, whole seconds, <c>Z</c>).</summary>
public sealed record FakeSync(long Id, string Revision, string? DeployStartedAt, string DeployedAt, bool MultiSource = false);

public sealed class FakeArgoApp(string name)
{
    private readonly List<FakeSync> _history = [];

    public string Name { get; } = name;
    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);
    public FakeBehavior Behavior { get; set; }

    public FakeArgoApp Add(FakeSync sync)
    {
        lock (_history)
        {
            _history.Add(sync);
        }
        return this;
    }

    internal FakeSync[] History()
    {
        lock (_history)
        {
            return [.. _history];
        }
    }
}

/// <summary>
/// ArgoCD's REST API v1 (the part the DORA poller reads): <c>GET /api/v1/applications/{name}</c> and the list, with
/// bearer auth and ArgoCD's gRPC-gateway error bodies. Shapes follow a recorded Application (status.history, operationState).
/// </summary>
public sealed class FakeArgoCd : IAsyncDisposable
{
    public const string Token = "argocd-fake-token-for-tests-only";
    /// <summary>Go's <c>omitempty</c>: ArgoCD leaves unset fields out rather than writing null.</summary>
    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeArgoApp> _apps = new(StringComparer.Ordinal);

    private FakeArgoCd(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = default!;

    /// <summary>Requests per application name (also failed ones), to prove an app was asked.</summary>
    public ConcurrentDictionary<string, int> Hits { get; } = new(StringComparer.Ordinal);

    public FakeArgoApp App(string name) => _apps.GetOrAdd(name, n => new FakeArgoApp(n));

    public static async Task<FakeArgoCd> StartAsync()
    {
        var app = LoopbackApp.Create();
        var fake = new FakeArgoCd(app);
        app.Use(async (ctx, next) =>
        {
            if (ctx.Request.Headers.Authorization.ToString() != $"Bearer {Token}")
            {
                await Error(ctx, 401, 16, "invalid session: token signature is invalid");
                return;
            }
            await next();
        });
        app.MapGet("/api/v1/applications", (string? selector) => Results.Json(new
        {
            metadata = new { resourceVersion = "2540554" },
            items = fake._apps.Values.Where(a => Matches(a, selector)).Select(Application),
        }, Wire));
        app.MapGet("/api/v1/applications/{name}", async (HttpContext ctx, string name) =>
        {
            fake.Hits.AddOrUpdate(name, 1, (_, n) => n + 1);
            if (!fake._apps.TryGetValue(name, out var found))
            {
                await Error(ctx, 404, 5, $"applications.argoproj.io \"{name}\" not found");
                return;
            }
            switch (found.Behavior)
            {
                case FakeBehavior.ServerError:
                    await Error(ctx, 500, 13, "rpc error: code = Unavailable desc = connection refused");
                    return;
                case FakeBehavior.Hang:
                    await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
                    return;
                case FakeBehavior.MalformedJson:
                    ctx.Response.ContentType = "application/json";
                    await ctx.Response.WriteAsync("{\"metadata\":{\"name\":");
                    return;
                default:
                    await ctx.Response.WriteAsJsonAsync(Application(found), Wire);
                    return;
            }
        });
        fake.BaseUrl = await LoopbackApp.StartAsync(app);
        return fake;
    }

    private static bool Matches(FakeArgoApp app, string? selector) =>
        string.IsNullOrEmpty(selector) || selector.Split(',').All(s => s.Split('=') is [var k, var v] && app.Labels.GetValueOrDefault(k) == v);

    private static object Application(FakeArgoApp app)
    {
        var history = app.History();
        var last = history.LastOrDefault();
        return new
        {
            metadata = new { name = app.Name, @namespace = "argocd", uid = $"uid-{app.Name}", labels = app.Labels, creationTimestamp = "2024-01-02T08:00:00Z" },
            spec = new
            {
                project = "default",
                source = new { repoURL = $"https://github.com/fawkes/{app.Name}.git", path = "deploy", targetRevision = "HEAD" },
                destination = new { server = "https://kubernetes.default.svc", @namespace = app.Name },
            },
            status = new
            {
                sync = new { status = "Synced", revision = last?.Revision },
                health = new { status = "Healthy" },
                history = history.Select(h => h.MultiSource
                    ? (object)new
                    {
                        id = h.Id, revisions = new[] { h.Revision, "chart-values-rev" }, deployedAt = h.DeployedAt, deployStartedAt = h.DeployStartedAt,
                        sources = new[] { new { repoURL = $"https://github.com/fawkes/{app.Name}.git", path = "deploy" }, new { repoURL = "https://github.com/fawkes/values.git", path = "." } },
                    }
                    : new
                    {
                        id = h.Id, revision = h.Revision, deployedAt = h.DeployedAt, deployStartedAt = h.DeployStartedAt,
                        source = new { repoURL = $"https://github.com/fawkes/{app.Name}.git", path = "deploy", targetRevision = "HEAD" },
                    }),
                operationState = last is null ? null : new
                {
                    operation = new { sync = new { revision = last.Revision } },
                    phase = "Succeeded", message = "successfully synced (all tasks run)",
                    startedAt = last.DeployStartedAt, finishedAt = last.DeployedAt,
                    syncResult = new { revision = last.Revision },
                },
            },
        };
    }

    private static async Task Error(HttpContext ctx, int status, int code, string message)
    {
        ctx.Response.StatusCode = status;
        await ctx.Response.WriteAsJsonAsync(new { error = message, code, message });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
