using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Simulators.Kubernetes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Fawkes.Portal.Simulators.SonarQube;

/// <summary>
/// A SonarQube server on a loopback port, speaking its Web API on the real paths the portal reads
/// (<c>/api/qualitygates/project_status</c>, <c>/api/measures/component</c>, <c>/api/authentication/validate</c>,
/// <c>/api/system/status</c>), with its token authentication (Basic with the token as user and an empty password, or
/// Bearer as SonarQube 10 accepts), "force authentication" on (anonymous calls get 401), and its error shape
/// <c>{"errors":[{"msg":…}]}</c>. Driven by <see cref="SimulatedProject"/> scenarios; <see cref="Faults"/> injects
/// latency, 500s, 401s and malformed JSON. Used by demo mode and by the tests, which point the portal's real client at it.
/// </summary>
public sealed class SonarQubeSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, SimulatedProject> _projects;
    private readonly string[] _accepted;
    private int _requests;

    private SonarQubeSimulator(WebApplication app, IEnumerable<SimulatedProject> projects, string token)
    {
        _app = app;
        _projects = projects.ToDictionary(p => p.Key, StringComparer.Ordinal);
        _accepted = ["Bearer " + token, "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(token + ":"))];
    }

    public Uri BaseAddress { get; private set; } = default!;

    public SimulatorFaults Faults { get; } = new();

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests received: method, path and query, and the auth scheme used.</summary>
    public ConcurrentQueue<string> RequestLog { get; } = new();

    public static async Task<SonarQubeSimulator> StartAsync(IEnumerable<SimulatedProject> projects, string token, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(projects);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var simulator = new SonarQubeSimulator(app, projects, token);
        app.Use(simulator.GateAsync);
        app.MapGet("/api/system/status", () => Results.Json(new JsonObject { ["id"] = "AYsim", ["version"] = "10.7.0.96327", ["status"] = "UP" }));
        app.MapGet("/api/authentication/validate", (HttpContext c) => Results.Json(new JsonObject { ["valid"] = simulator.Accepts(c) }));
        app.MapGet("/api/qualitygates/project_status", (HttpContext c, string? projectKey) =>
            simulator.Project(c, projectKey, "projectKey", p => SimSonarProjects.ProjectStatus(p), k => $"Project '{k}' not found"));
        app.MapGet("/api/measures/component", (HttpContext c, string? component) =>
            simulator.Project(c, component, "component", p => SimSonarProjects.Measures(p), k => $"Component key '{k}' not found"));
        app.MapFallback(() => Error(HttpStatusCode.NotFound, "Unknown url"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        simulator.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return simulator;
    }

    private bool Accepts(HttpContext context) => !Faults.RejectToken && _accepted.Contains(context.Request.Headers.Authorization.ToString(), StringComparer.Ordinal);

    /// <summary>Faults before routing; authentication per endpoint (validate answers 200 with valid:false, as SonarQube does).</summary>
    private async Task GateAsync(HttpContext context, Func<Task> next)
    {
        Interlocked.Increment(ref _requests);
        var scheme = context.Request.Headers.Authorization.ToString().Split(' ')[0];
        RequestLog.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} [{(scheme.Length == 0 ? "anonymous" : scheme)}]");
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
        var path = context.Request.Path.Value ?? "";
        if (path is not ("/api/system/status" or "/api/authentication/validate") && !Accepts(context))
        {
            // SonarQube answers 401 with an empty body when "force user authentication" is on and the token is missing or wrong.
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        if (Faults.ServerError)
        {
            await Error(HttpStatusCode.InternalServerError, "An error has occurred. Please contact your administrator").ExecuteAsync(context);
            return;
        }
        if (Faults.MalformedJson)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"projectStatus\":{\"status\":\"OK\",\"conditions\":[{\"status\":");
            return;
        }
        await next();
    }

    private IResult Project(HttpContext context, string? key, string parameter, Func<SimulatedProject, JsonObject> answer, Func<string, string> missing)
    {
        if (string.IsNullOrEmpty(key))
        {
            return Error(HttpStatusCode.BadRequest, $"The '{parameter}' parameter is missing");
        }
        return _projects.TryGetValue(key, out var project) ? Results.Json(answer(project)) : Error(HttpStatusCode.NotFound, missing(key));
    }

    private static IResult Error(HttpStatusCode code, string message) =>
        Results.Json(new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["msg"] = message }) }, statusCode: (int)code);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
