using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Fawkes.Portal.Simulators.Kubernetes;

/// <summary>
/// A Kubernetes API server on a loopback port, speaking its wire format for the reads the portal makes: list endpoints of
/// the core and named groups, cluster-wide and per namespace, <c>labelSelector</c> (set-based too) and <c>fieldSelector</c>,
/// list kinds with items carrying no kind/apiVersion, <c>limit</c>/<c>continue</c> paging, bearer-token auth answering 401 with a Status object, and the
/// discovery document, and container logs (<c>…/pods/{pod}/log</c>, plain text). Driven by <see cref="SimulatedWorkload"/> scenarios; <see cref="Faults"/> injects latency, 500s,
/// 401s and malformed JSON. Used by demo mode and by the tests, which point the real KubernetesClient at it.
/// </summary>
public sealed class KubernetesSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IReadOnlyList<SimObject> _objects;
    private readonly string _token;
    private int _requests;

    private KubernetesSimulator(WebApplication app, IReadOnlyList<SimObject> objects, string token) => (_app, _objects, _token) = (app, objects, token);

    public Uri BaseAddress { get; private set; } = default!;

    public SimulatorFaults Faults { get; } = new();

    /// <summary>Requests answered so far (list calls, discovery), to prove that the portal's cache spares the cluster.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Paths of the list requests received, with their query (for tests of what the client asked).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> RequestLog { get; } = new();

    public static async Task<KubernetesSimulator> StartAsync(IEnumerable<SimulatedWorkload> workloads, string token, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        var now = DateTimeOffset.UtcNow;
        var objects = workloads.SelectMany(w => SimScenarios.Objects(w, now)).ToList();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var simulator = new KubernetesSimulator(app, objects, token);
        app.Use(simulator.GateAsync);
        app.MapGet("/api", () => Results.Json(new JsonObject
        {
            ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1"),
            ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = "172.18.0.2:6443" }),
        }));
        app.MapGet("/version", () => Results.Json(new JsonObject { ["major"] = "1", ["minor"] = "31", ["gitVersion"] = "v1.31.2-fawkes-simulator" }));
        app.MapGet("/api/v1/{resource}", (HttpContext c, string resource) => simulator.List(c, "v1", resource, null));
        app.MapGet("/api/v1/namespaces/{ns}/pods/{pod}/log", (string ns, string pod, string? container, int? tailLines) =>
            SimLogs.Log(simulator._objects, ns, pod, container, tailLines));
        app.MapGet("/api/v1/namespaces/{ns}/{resource}", (HttpContext c, string ns, string resource) => simulator.List(c, "v1", resource, ns));
        app.MapGet("/apis/{group}/{version}/{resource}", (HttpContext c, string group, string version, string resource) =>
            simulator.List(c, $"{group}/{version}", resource, null));
        app.MapGet("/apis/{group}/{version}/namespaces/{ns}/{resource}", (HttpContext c, string group, string version, string ns, string resource) =>
            simulator.List(c, $"{group}/{version}", resource, ns));
        app.MapFallback((HttpContext c) => Status(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        simulator.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return simulator;
    }

    /// <summary>Faults and authentication come before routing, as on a real API server (401 before 404).</summary>
    private async Task GateAsync(HttpContext context, Func<Task> next)
    {
        Interlocked.Increment(ref _requests);
        RequestLog.Enqueue(context.Request.Path + context.Request.QueryString);
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
        if (Faults.RejectToken || auth != "Bearer " + _token)
        {
            await Status(HttpStatusCode.Unauthorized, "Unauthorized", "Unauthorized").ExecuteAsync(context);
            return;
        }
        if (Faults.ServerError)
        {
            await Status(HttpStatusCode.InternalServerError, "InternalError", "Internal error occurred: etcdserver: request timed out").ExecuteAsync(context);
            return;
        }
        if (Faults.MalformedJson)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[{\"metadata\":{\"name\":");
            return;
        }
        await next();
    }

    private IResult List(HttpContext context, string groupVersion, string resource, string? ns)
    {
        if (!SimResources.Kinds.TryGetValue(resource, out var kind) || kind.GroupVersion != groupVersion)
        {
            return Status(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
        }
        if (Faults.ForbiddenResources.Contains(resource))
        {
            var group = groupVersion.Contains('/', StringComparison.Ordinal) ? groupVersion[..groupVersion.IndexOf('/', StringComparison.Ordinal)] : "";
            return Status(HttpStatusCode.Forbidden, "Forbidden",
                $"{resource}{(group.Length > 0 ? "." + group : "")} is forbidden: User \"system:serviceaccount:fawkes:portal\" cannot list resource "
                + $"\"{resource}\" in API group \"{group}\" {(ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\"")}");
        }
        LabelSelector selector;
        Func<JsonObject, bool> fields;
        try
        {
            selector = LabelSelector.Parse(context.Request.Query["labelSelector"]);
            fields = SimResources.FieldSelector(context.Request.Query["fieldSelector"]);
        }
        catch (FormatException ex)
        {
            return Status(HttpStatusCode.BadRequest, "BadRequest", $"unable to parse requirement: {ex.Message}");
        }
        var matching = _objects.Where(o => o.Resource == resource && (ns is null || o.Namespace == ns) && selector.Matches(o.Labels) && fields(o.Json)).ToList();
        int offset, limit;
        try
        {
            (offset, limit) = SimResources.Page(context.Request.Query["continue"], context.Request.Query["limit"], matching.Count);
        }
        catch (FormatException ex)
        {
            return Status(HttpStatusCode.BadRequest, "BadRequest", ex.Message);
        }
        var items = new JsonArray();
        foreach (var o in matching.Skip(offset).Take(limit))
        {
            items.Add(o.Json.DeepClone());
        }
        var metadata = new JsonObject { ["resourceVersion"] = "4821337" };
        if (offset + limit < matching.Count)
        {
            // An opaque token, as the API server's; the remaining count as it reports it.
            metadata["continue"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"offset:{offset + limit}"));
            metadata["remainingItemCount"] = matching.Count - offset - limit;
        }
        // As a real API server: the list carries kind and apiVersion, its items do not.
        return Results.Json(new JsonObject
        {
            ["kind"] = kind.ListKind, ["apiVersion"] = groupVersion, ["metadata"] = metadata, ["items"] = items,
        });
    }

    internal static IResult Status(HttpStatusCode code, string reason, string message) => Results.Json(new JsonObject
    {
        ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Failure",
        ["message"] = message, ["reason"] = reason, ["code"] = (int)code,
    }, statusCode: (int)code);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
