using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Fawkes.Portal.Simulators.Kubernetes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Fawkes.Portal.Simulators.ArgoCd;

/// <summary>
/// An ArgoCD API server (v1) on a loopback port, for the calls the portal makes: applications list (<c>selector</c>) and
/// get, resource tree, revision metadata, sync, and session login. Bearer auth as ArgoCD does it (a static account token,
/// or a session token from <c>POST /api/v1/session</c>), answering 401 with ArgoCD's error body. <see cref="Faults"/>
/// injects latency, 500s, 401s and malformed JSON. Used by demo mode and by the tests, which point the real client at it.
/// </summary>
public sealed class ArgoCdSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, SimulatedApp> _apps;
    private readonly string _token;
    private readonly (string User, string Password)? _account;
    private readonly ConcurrentDictionary<string, bool> _sessions = new(StringComparer.Ordinal);
    /// <summary>Applications whose sync runs, with when it started; <see cref="_deployedHead"/> when one finished.</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> _syncing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _deployedHead = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private int _requests;

    private ArgoCdSimulator(WebApplication app, IEnumerable<SimulatedApp> apps, string token, (string, string)? account) =>
        (_app, _apps, _token, _account) = (app, new ConcurrentDictionary<string, SimulatedApp>(apps.ToDictionary(a => a.Name, StringComparer.Ordinal), StringComparer.Ordinal), token, account);

    public Uri BaseAddress { get; private set; } = default!;

    public SimulatorFaults Faults { get; } = new();

    /// <summary>Requests answered so far, to prove that the portal's cache spares the server.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Method, path and query of every request received.</summary>
    public ConcurrentQueue<string> RequestLog { get; } = new();

    /// <summary>Applications a sync was asked for, in order.</summary>
    public ConcurrentQueue<string> Syncs { get; } = new();

    /// <summary>
    /// How long a sync runs. Null (the default): it runs for the simulator's life, so a second sync is refused as "in
    /// progress". Set (demo mode): afterwards the app has deployed Git's newest commit and is Synced and Healthy whatever it
    /// went through — the simulated Git is taken to hold the fix, so a learner can repair a service through the portal.
    /// </summary>
    public TimeSpan? SyncDuration { get; set; }

    /// <summary>Session logins answered with a token.</summary>
    public int Logins => Volatile.Read(ref _logins);

    private int _logins;

    /// <param name="token">The static account token accepted as <c>Authorization: Bearer</c>.</param>
    /// <param name="account">A local account whose login at <c>/api/v1/session</c> yields a session token.</param>
    public static async Task<ArgoCdSimulator> StartAsync(IEnumerable<SimulatedApp> apps, string token, (string User, string Password)? account = null, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(apps);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sim = new ArgoCdSimulator(app, apps, token, account);
        app.Use(sim.GateAsync);
        app.MapPost("/api/v1/session", (HttpRequest r) => sim.LoginAsync(r.HttpContext));
        app.MapGet("/api/v1/applications", (HttpContext c) => sim.List(c));
        app.MapGet("/api/v1/applications/{name}", (string name) => sim.WithApp(name, sim.Json));
        app.MapGet("/api/v1/applications/{name}/resource-tree", (string name) => sim.WithApp(name, a => SimApplications.Tree(a, sim._now)));
        app.MapGet("/api/v1/applications/{name}/revisions/{revision}/metadata", (string name, string revision) => sim.WithApp(name, a =>
            SimApplications.IsKnownRevision(a.Name, revision) ? SimApplications.Metadata(a.Name, revision, sim._now) : null,
            $"revision {revision} not found"));
        app.MapPost("/api/v1/applications/{name}/sync", (string name) => sim._syncing.ContainsKey(name)
            // As ArgoCD while an operation runs (gRPC FailedPrecondition, HTTP 400); here a started sync runs for the simulator's life.
            ? Error(HttpStatusCode.BadRequest, 9, "another operation is already in progress")
            : sim.WithApp(name, a =>
        {
            sim._syncing[a.Name] = DateTimeOffset.UtcNow;
            sim.Syncs.Enqueue(a.Name);
            var answer = SimApplications.Application(a, sim._now, sim._deployedHead.TryGetValue(a.Name, out var at) ? at : null);
            answer["operation"] = new JsonObject { ["sync"] = new JsonObject { ["revision"] = "HEAD" }, ["initiatedBy"] = new JsonObject { ["username"] = "portal" } };
            return answer;
        }));
        app.MapPost("/api/v1/applications", (HttpRequest r) => sim.CreateAsync(r));
        app.MapFallback(() => Error(HttpStatusCode.NotFound, 5, "Not Found"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sim.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return sim;
    }

    /// <summary>Applications created through the API (<c>POST /api/v1/applications</c>), in order.</summary>
    public ConcurrentQueue<string> Created { get; } = new();

    /// <summary>The body each created Application was posted with (metadata, spec with source and destination), by name.</summary>
    public ConcurrentDictionary<string, JsonObject> CreatedApplications { get; } = new(StringComparer.Ordinal);

    /// <summary>Creates an Application as ArgoCD does: a new one starts Synced and Healthy here; an existing name answers
    /// ArgoCD's "use upsert flag" error (gRPC InvalidArgument, HTTP 400).</summary>
    private async Task<IResult> CreateAsync(HttpRequest request)
    {
        var body = await System.Text.Json.JsonSerializer.DeserializeAsync<JsonObject>(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        var name = body?["metadata"]?["name"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(name) || body?["spec"] is not JsonObject spec)
        {
            return Error(HttpStatusCode.BadRequest, 3, "application spec is invalid: metadata.name and spec are required");
        }
        var labels = (body["metadata"]?["labels"] as JsonObject)?.ToDictionary(l => l.Key, l => l.Value?.ToString() ?? "");
        var created = new SimulatedApp(name, spec["destination"]?["namespace"]?.GetValue<string>() ?? "default", ArgoCdScenario.Healthy, labels);
        if (!_apps.TryAdd(name, created))
        {
            return Error(HttpStatusCode.BadRequest, 3, "existing application spec is different, use upsert flag to force update");
        }
        Created.Enqueue(name);
        CreatedApplications[name] = body;
        return Results.Json(SimApplications.Application(created, _now));
    }

    /// <summary>Forgets every session token, as a restarted ArgoCD server with a new signing key does.</summary>
    public void ExpireSessions() => _sessions.Clear();

    /// <summary>Faults, then authentication (the session endpoint excepted), before routing: 401 comes before 404.</summary>
    private async Task GateAsync(HttpContext context, Func<Task> next)
    {
        Interlocked.Increment(ref _requests);
        RequestLog.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
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
        var login = context.Request.Path.Equals("/api/v1/session", StringComparison.Ordinal);
        var auth = context.Request.Headers.Authorization.ToString();
        var bearer = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : null;
        if (!login && (Faults.RejectToken || bearer is null || (bearer != _token && !_sessions.ContainsKey(bearer))))
        {
            await Error(HttpStatusCode.Unauthorized, 16, bearer is null ? "no session information" : "invalid session: token signature is invalid")
                .ExecuteAsync(context);
            return;
        }
        if (Faults.ServerError)
        {
            await Error(HttpStatusCode.InternalServerError, 13, "rpc error: code = Unavailable desc = connection to repo-server refused").ExecuteAsync(context);
            return;
        }
        if (Faults.MalformedJson)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"metadata\":{\"name\":\"payments-api\",\"namespace\":\"argocd\"},\"status\":{\"sync\":");
            return;
        }
        await next();
    }

    private async Task<IResult> LoginAsync(HttpContext context)
    {
        var body = await System.Text.Json.JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body, cancellationToken: context.RequestAborted);
        var (user, password) = (body?["username"]?.GetValue<string>(), body?["password"]?.GetValue<string>());
        if (_account is not { } account || Faults.RejectToken || user != account.User || password != account.Password)
        {
            return Error(HttpStatusCode.Unauthorized, 16, "Invalid username or password");
        }
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        _sessions[token] = true;
        Interlocked.Increment(ref _logins);
        return Results.Json(new JsonObject { ["token"] = token });
    }

    private IResult List(HttpContext context)
    {
        LabelSelector selector;
        try
        {
            selector = LabelSelector.Parse(context.Request.Query["selector"]);
        }
        catch (FormatException ex)
        {
            return Error(HttpStatusCode.BadRequest, 3, $"error parsing selector: {ex.Message}");
        }
        var items = new JsonArray();
        foreach (var app in _apps.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            var json = Json(Current(app));
            var labels = json["metadata"]!["labels"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
            if (selector.Matches(labels))
            {
                items.Add(json);
            }
        }
        // As ArgoCD's gateway: an empty list carries no "items" at all.
        var list = new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = "2540554" } };
        if (items.Count > 0)
        {
            list["items"] = items;
        }
        return Results.Json(list);
    }

    private IResult WithApp(string name, Func<SimulatedApp, JsonObject?> answer, string? missing = null)
    {
        if (!_apps.TryGetValue(name, out var app))
        {
            return Error(HttpStatusCode.NotFound, 5, $"applications.argoproj.io \"{name}\" not found");
        }
        return answer(Current(app)) is { } json ? Results.Json(json) : Error(HttpStatusCode.NotFound, 5, missing ?? "not found");
    }

    /// <summary>The app as it is now: a sync that ran its <see cref="SyncDuration"/> has left it Synced and Healthy at Git's newest commit.</summary>
    private SimulatedApp Current(SimulatedApp app)
    {
        if (SyncDuration is not { } duration || !_syncing.TryGetValue(app.Name, out var started) || DateTimeOffset.UtcNow - started < duration)
        {
            return app;
        }
        var healthy = app with { Scenario = ArgoCdScenario.Healthy };
        _apps[app.Name] = healthy;
        _deployedHead[app.Name] = started + duration;
        _syncing.TryRemove(app.Name, out _);
        return healthy;
    }

    /// <summary>The Application as ArgoCD shows it, with a running sync's operation while there is one.</summary>
    private JsonObject Json(SimulatedApp app)
    {
        var json = SimApplications.Application(app, _now, _deployedHead.TryGetValue(app.Name, out var at) ? at : null);
        if (_syncing.TryGetValue(app.Name, out var started))
        {
            json["status"]!["operationState"] = SimApplications.RunningOperation(app, started);
        }
        return json;
    }

    /// <summary>ArgoCD's gRPC-gateway error body (<c>runtimeError</c>).</summary>
    internal static IResult Error(HttpStatusCode status, int grpcCode, string message) =>
        Results.Json(new JsonObject { ["error"] = message, ["code"] = grpcCode, ["message"] = message }, statusCode: (int)status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
