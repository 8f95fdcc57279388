using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.ArgoCd;

/// <summary>
/// ArgoCD's REST API v1, for the DORA poller (<c>Dora:ArgoCd</c>) and the live panels (<c>Integrations:ArgoCd</c>).
/// Authenticates with the instance's bearer token, or with a session token got from <c>POST /api/v1/session</c>, kept per
/// instance and renewed once when the server answers 401 (sessions expire).
/// </summary>
public sealed class ArgoCdClient(IHttpClientFactory clients, IOptions<ArgoCdOptions> options)
{
    /// <summary>The DORA poller's HttpClient (timeouts from <c>Dora:ArgoCd:TimeoutSeconds</c>).</summary>
    public const string ClientName = "argocd";

    /// <summary>The live panels' HttpClient (timeouts from <c>Integrations:ArgoCd:TimeoutSeconds</c>; a circuit per instance).</summary>
    public const string LiveClientName = "argocd-live";

    private readonly ConcurrentDictionary<string, string> _sessions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _login = new(1, 1);

    /// <summary><c>GET /api/v1/applications/{name}</c> on the DORA server: the Application, including <c>status.history</c>.</summary>
    /// <exception cref="HttpRequestException">A non-success answer; the message names the path and status, never the token.</exception>
    public Task<JsonObject> GetApplicationAsync(string name, CancellationToken ct) =>
        GetApplicationAsync(new ArgoCdInstance("dora", BaseUri(options.Value.BaseUrl), options.Value.Token, null, null, false, ClientName), name, ct);

    /// <summary><c>GET /api/v1/applications/{name}</c>.</summary>
    public Task<JsonObject> GetApplicationAsync(ArgoCdInstance instance, string name, CancellationToken ct) =>
        SendAsync(instance, HttpMethod.Get, $"api/v1/applications/{Uri.EscapeDataString(name)}", null, ct);

    /// <summary><c>GET /api/v1/applications?selector=</c>: the Applications whose labels match (an ApplicationList).</summary>
    public async Task<IReadOnlyList<JsonObject>> ListApplicationsAsync(ArgoCdInstance instance, string selector, CancellationToken ct)
    {
        var list = await SendAsync(instance, HttpMethod.Get, "api/v1/applications?selector=" + Uri.EscapeDataString(selector), null, ct);
        // ArgoCD's gRPC gateway leaves out empty lists: no "items" means none.
        return [.. (list["items"] as JsonArray ?? []).OfType<JsonObject>()];
    }

    /// <summary><c>GET /api/v1/applications/{name}/resource-tree</c>: every managed resource and its children, with health.</summary>
    /// <param name="appNamespace">The Application's namespace: needed for applications outside ArgoCD's own namespace.</param>
    public Task<JsonObject> GetResourceTreeAsync(ArgoCdInstance instance, string name, string? appNamespace, CancellationToken ct) =>
        SendAsync(instance, HttpMethod.Get, $"api/v1/applications/{Uri.EscapeDataString(name)}/resource-tree{InNamespace(appNamespace)}", null, ct);

    /// <summary><c>GET /api/v1/applications/{name}/revisions/{revision}/metadata</c>: the commit's author, date and message.</summary>
    public Task<JsonObject> GetRevisionMetadataAsync(ArgoCdInstance instance, string name, string? appNamespace, string revision, CancellationToken ct) =>
        SendAsync(instance, HttpMethod.Get,
            $"api/v1/applications/{Uri.EscapeDataString(name)}/revisions/{Uri.EscapeDataString(revision)}/metadata{InNamespace(appNamespace)}", null, ct);

    /// <summary><c>POST /api/v1/applications/{name}/sync</c>: starts a sync to the target revision; answers the Application.</summary>
    public Task<JsonObject> SyncAsync(ArgoCdInstance instance, string name, string? appNamespace, CancellationToken ct) =>
        SendAsync(instance, HttpMethod.Post, $"api/v1/applications/{Uri.EscapeDataString(name)}/sync",
            appNamespace is null ? new JsonObject { ["name"] = name } : new JsonObject { ["name"] = name, ["appNamespace"] = appNamespace }, ct);

    /// <summary><c>POST /api/v1/applications</c>: creates an Application (without upsert: an existing one is an error).</summary>
    public Task<JsonObject> CreateApplicationAsync(ArgoCdInstance instance, JsonObject application, CancellationToken ct) =>
        SendAsync(instance, HttpMethod.Post, "api/v1/applications", application, ct);

    private static string InNamespace(string? appNamespace) =>
        string.IsNullOrEmpty(appNamespace) ? "" : "?appNamespace=" + Uri.EscapeDataString(appNamespace);

    /// <summary>A trailing slash keeps a base path (<c>https://host/argocd/</c>) when relative paths are added.</summary>
    internal static Uri BaseUri(string baseUrl) => new(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");

    private async Task<JsonObject> SendAsync(ArgoCdInstance instance, HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        var token = await TokenAsync(instance, stale: null, ct);
        try
        {
            return await SendOnceAsync(instance, method, path, body, token, ct);
        }
        catch (ArgoCdApiException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized && instance.UsesSession)
        {
            // The session token expired (or the server restarted with a new key): log in again, once.
            token = await TokenAsync(instance, stale: token, ct);
            return await SendOnceAsync(instance, method, path, body, token, ct);
        }
    }

    /// <param name="stale">The session token the server just refused: a new one is got unless another call already replaced it.</param>
    private async Task<string?> TokenAsync(ArgoCdInstance instance, string? stale, CancellationToken ct)
    {
        if (!instance.UsesSession)
        {
            return instance.Token;
        }
        if (_sessions.TryGetValue(instance.Name, out var kept) && kept != stale)
        {
            return kept;
        }
        // One login at a time, so parallel calls refused together share one new session instead of each logging in.
        await _login.WaitAsync(ct);
        try
        {
            if (_sessions.TryGetValue(instance.Name, out kept) && kept != stale)
            {
                return kept;
            }
            var login = new JsonObject { ["username"] = instance.Username, ["password"] = instance.Password };
            var session = await SendOnceAsync(instance, HttpMethod.Post, "api/v1/session", login, token: null, ct);
            var token = session["token"] is JsonValue v && v.TryGetValue<string>(out var t) && t.Length > 0
                ? t : throw new ArgoCdApiException("POST /api/v1/session answered no token.", null, null);
            _sessions[instance.Name] = token;
            return token;
        }
        finally
        {
            _login.Release();
        }
    }

    private async Task<JsonObject> SendOnceAsync(ArgoCdInstance instance, HttpMethod method, string path, JsonObject? body, string? token, CancellationToken ct)
    {
        var shown = $"{method} /{(path.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? path[..q] : path)}";
        using var request = new HttpRequestMessage(method, new Uri(instance.BaseUrl, path));
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await clients.CreateClient(instance.ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            var detail = ErrorMessage(text);
            throw new ArgoCdApiException($"{shown} answered {(int)response.StatusCode} {response.ReasonPhrase}{(detail is null ? "" : ": " + detail)}.",
                response.StatusCode, detail);
        }
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new ArgoCdApiException($"{shown} answered JSON that is not an object.", null, null);
        }
        catch (JsonException ex)
        {
            throw new ArgoCdApiException($"{shown} answered malformed JSON: {ex.Message}", null, null, ex);
        }
    }

    /// <summary>The <c>message</c> of ArgoCD's error body (<c>{"error":…,"code":16,"message":"no session information"}</c>), shortened.</summary>
    internal static string? ErrorMessage(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject o && o["message"] is JsonValue m && m.TryGetValue<string>(out var text) && text.Length > 0)
            {
                return text.Length > 300 ? text[..300] + "…" : text;
            }
        }
        catch (JsonException)
        {
            // A proxy's HTML page: the status code says enough.
        }
        return null;
    }
}

/// <summary>An ArgoCD answer that was not a success, with the server's own message (never a credential).</summary>
public sealed class ArgoCdApiException : HttpRequestException
{
    public ArgoCdApiException(string message, HttpStatusCode? statusCode, string? detail, Exception? inner = null)
        : base(message, inner, statusCode) => Detail = detail;

    public ArgoCdApiException() : base()
    {
    }

    public ArgoCdApiException(string message) : base(message)
    {
    }

    public ArgoCdApiException(string message, Exception inner) : base(message, inner)
    {
    }

    public string? Detail { get; }
}
