using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Simulators.Kubernetes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Fawkes.Portal.Simulators.Jenkins;

/// <summary>A build the simulator was asked to start, with the crumb header it came with.</summary>
public sealed record SimulatedRebuild(string Job, string? Crumb, DateTimeOffset At, IReadOnlyDictionary<string, string>? Parameters = null);

/// <summary>
/// A Jenkins controller on a loopback port, speaking its JSON API and the Pipeline Stage View's wfapi on their real paths
/// (<c>/job/a/job/b/api/json</c>, <c>/job/…/{n}/wfapi/describe</c>, <c>/job/…/{n}/execution/node/{id}/wfapi/log</c>,
/// <c>consoleText</c>) with the <c>tree</c> filter, Basic auth (user and API token), the CSRF crumb issuer and <c>POST /job/…/build</c>, which
/// needs the crumb. Driven by <see cref="SimulatedJob"/> scenarios; <see cref="Faults"/> injects latency, 500s, 401s and
/// malformed JSON. Used by demo mode and by the tests, which point the portal's real client at it.
/// </summary>
public sealed class JenkinsSimulator : IAsyncDisposable
{
    public const string CrumbField = "Jenkins-Crumb";
    private readonly WebApplication _app;
    private readonly Dictionary<string, SimJob> _jobs;
    private readonly string _authorization;
    private readonly Lock _gate = new();
    private int _queue = 40;
    private int _requests;

    private JenkinsSimulator(WebApplication app, Dictionary<string, SimJob> jobs, string user, string apiToken)
    {
        (_app, _jobs) = (app, jobs);
        _authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{apiToken}"));
    }

    public Uri BaseAddress { get; private set; } = default!;

    public SimulatorFaults Faults { get; } = new();

    /// <summary>The crumb this controller issues (one per run, as for one session).</summary>
    public string Crumb { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Paths received, with their query.</summary>
    public ConcurrentQueue<string> RequestLog { get; } = new();

    /// <summary>Builds started through <c>POST /job/…/build</c> (accepted ones only).</summary>
    public ConcurrentQueue<SimulatedRebuild> Rebuilds { get; } = new();

    public static async Task<JenkinsSimulator> StartAsync(IEnumerable<SimulatedJob> jobs, string user, string apiToken, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var simulator = new JenkinsSimulator(app, SimJenkinsJobs.Build(jobs, DateTimeOffset.UtcNow), user, apiToken);
        app.Use(simulator.GateAsync);
        app.MapGet("/api/json", () => Results.Json(new JsonObject
        {
            ["_class"] = "hudson.model.Hudson", ["mode"] = "NORMAL", ["nodeDescription"] = "the Jenkins controller (simulated)", ["useCrumbs"] = true,
        }));
        app.MapGet("/crumbIssuer/api/json", () => Results.Json(new JsonObject
        {
            ["_class"] = "hudson.security.csrf.DefaultCrumbIssuer", ["crumb"] = simulator.Crumb, ["crumbRequestField"] = CrumbField,
        }));
        app.MapFallback(simulator.JobAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        simulator.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return simulator;
    }

    /// <summary>Faults and authentication before routing, as on a real controller.</summary>
    private async Task GateAsync(HttpContext context, Func<Task> next)
    {
        Interlocked.Increment(ref _requests);
        RequestLog.Enqueue(context.Request.Method + " " + context.Request.Path + context.Request.QueryString);
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
        var auth = context.Request.Headers.Authorization.ToString();
        if (Faults.RejectToken || (auth.Length > 0 && auth != _authorization))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Jenkins\"";
            await Html(HttpStatusCode.Unauthorized, "Invalid password/token for user").ExecuteAsync(context);
            return;
        }
        if (auth.Length == 0)
        {
            // Anonymous read access is off: Jenkins answers 403 with a login hint.
            await Html(HttpStatusCode.Forbidden, "Authentication required").ExecuteAsync(context);
            return;
        }
        if (Faults.ServerError)
        {
            await Html(HttpStatusCode.InternalServerError, "java.lang.IllegalStateException: Jenkins is restarting").ExecuteAsync(context);
            return;
        }
        if (Faults.MalformedJson && HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.ContentType = "application/json;charset=utf-8";
            await context.Response.WriteAsync("{\"_class\":\"org.jenkinsci.plugins.workflow.job.WorkflowJob\",\"builds\":[{\"number\":");
            return;
        }
        await next();
    }

    /// <summary>Everything under <c>/job/…</c>: the job's folders as <c>job/name</c> pairs, then what is asked of it.</summary>
    private IResult JobAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var names = new List<string>();
        var i = 0;
        for (; i + 1 < segments.Length && segments[i] == "job"; i += 2)
        {
            names.Add(segments[i + 1]);
        }
        var rest = segments[i..];
        lock (_gate)
        {
            if (names.Count == 0 || !_jobs.TryGetValue(string.Join('/', names), out var job))
            {
                return Html(HttpStatusCode.NotFound, "Not Found");
            }
            var post = HttpMethods.IsPost(context.Request.Method);
            return rest switch
            {
                ["api", "json"] when !post => Results.Json(SimTree.Apply(SimJenkinsJson.Job(job, BaseAddress), context.Request.Query["tree"])),
                ["build"] when post => Build(context, job, null),
                ["buildWithParameters"] when post => Build(context, job, context.Request.HasFormContentType
                    ? context.Request.Form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)
                    : context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal)),
                [var n, .. var tail] when !post && int.TryParse(n, out var number) && job.Builds.FirstOrDefault(b => b.Number == number) is { } build =>
                    Run(job, build, tail, context.Request.Query["tree"]),
                _ => Html(HttpStatusCode.NotFound, "Not Found"),
            };
        }
    }

    private IResult Run(SimJob job, SimBuild build, string[] tail, string? tree) => tail switch
    {
        ["api", "json"] => Results.Json(SimTree.Apply(SimJenkinsJson.Build(job, build, BaseAddress), tree)),
        ["wfapi", "describe"] => Results.Json(SimJenkinsJson.Describe(job, build)),
        ["execution", "node", var id, "wfapi", "describe"] => SimJenkinsJson.Node(job, build, id) is { } node ? Results.Json(node) : Html(HttpStatusCode.NotFound, "Not Found"),
        ["execution", "node", var id, "wfapi", "log"] => Results.Json(SimJenkinsJson.Log(job, build, id)),
        ["consoleText"] => Results.Text("Started by push\n" + (build.FailedLog ?? "") + $"Finished: {build.Result ?? "IN PROGRESS"}\n", "text/plain"),
        _ => Html(HttpStatusCode.NotFound, "Not Found"),
    };

    /// <summary>
    /// Needs the crumb (403 without it, as with CSRF protection on); queues a new running build and answers 201 with the
    /// queue item. A parameterised job refuses <c>/build</c> (400) and takes <c>/buildWithParameters</c>, whose values it
    /// fills up with the defaults; a job without parameters refuses <c>/buildWithParameters</c>, as Jenkins does.
    /// </summary>
    private IResult Build(HttpContext context, SimJob job, Dictionary<string, string>? values)
    {
        var crumb = context.Request.Headers[CrumbField].ToString();
        if (crumb != Crumb)
        {
            return Html(HttpStatusCode.Forbidden, "No valid crumb was included in the request");
        }
        if (!job.IsPipeline)
        {
            return Html(HttpStatusCode.MethodNotAllowed, "This project cannot be built directly: build one of its branches.");
        }
        if (job.Parameters is null && values is not null)
        {
            return Html(HttpStatusCode.BadRequest, $"{job.FullName} is not parameterized");
        }
        if (job.Parameters is not null && values is null)
        {
            return Html(HttpStatusCode.BadRequest, "This page expects a form submission but had only {}");
        }
        var parameters = job.Parameters?.ToDictionary(d => d.Key, d => values!.GetValueOrDefault(d.Key, d.Value), StringComparer.Ordinal);
        var number = job.Builds.Max(b => b.Number) + 1;
        job.Builds.Add(SimJenkinsJobs.Running(number, DateTimeOffset.UtcNow, job.Builds.MaxBy(b => b.Number)?.Branch ?? "main") with { Parameters = parameters });
        Rebuilds.Enqueue(new SimulatedRebuild(job.FullName, crumb, DateTimeOffset.UtcNow, parameters));
        context.Response.Headers.Location = new Uri(BaseAddress, $"queue/item/{Interlocked.Increment(ref _queue)}/").AbsoluteUri;
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static IResult Html(HttpStatusCode code, string message) =>
        Results.Content($"<html><head><title>Error {(int)code}</title></head><body><h2>HTTP ERROR {(int)code} {WebUtility.HtmlEncode(message)}</h2></body></html>",
            "text/html;charset=utf-8", Encoding.UTF8, (int)code);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
