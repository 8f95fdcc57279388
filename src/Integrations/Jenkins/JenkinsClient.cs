using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.Jenkins;

/// <summary>
/// The Jenkins JSON API and wfapi: the DORA poller's builds (from <c>Dora:Jenkins</c>) and, per configured
/// <see cref="JenkinsInstance"/>, what the Jenkins tab shows and its Rebuild (with Jenkins' CSRF crumb).
/// </summary>
public sealed class JenkinsClient(IHttpClientFactory clients, IOptions<JenkinsOptions> options)
{
    public const string ClientName = "jenkins";

    /// <summary>Only the fields a build event needs, for the 50 newest builds (Jenkins' tree syntax keeps the answer small).</summary>
    internal const string BuildsTree = "builds[number,result,timestamp,duration,building,url,actions[lastBuiltRevision[SHA1,branch[name]]]]{0,50}";

    /// <summary>The job's newest builds, newest first, as Jenkins lists them.</summary>
    /// <param name="jobFullName">Full name with folders, e.g. <c>payments/payments-api/main</c>.</param>
    /// <exception cref="HttpRequestException">A non-success answer; the message names the path and status, never the credentials.</exception>
    public async Task<JsonArray> GetBuildsAsync(string jobFullName, CancellationToken ct)
    {
        var path = JobPath(jobFullName) + "api/json?tree=" + Uri.EscapeDataString(BuildsTree);
        var baseUrl = options.Value.BaseUrl;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"), path));
        if (!string.IsNullOrEmpty(options.Value.User))
        {
            var pair = Encoding.UTF8.GetBytes($"{options.Value.User}:{options.Value.ApiToken}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
        }
        var job = await UpstreamJson.SendAsync(clients.CreateClient(ClientName), request, "/" + JobPath(jobFullName) + "api/json", ct);
        return job["builds"] as JsonArray ?? [];
    }

    /// <summary>The job's newest builds on a configured instance (the DORA poller with <c>Integrations:Jenkins</c>).</summary>
    public async Task<JsonArray> GetBuildsAsync(JenkinsInstance instance, string jobFullName, CancellationToken ct)
    {
        var job = await GetAsync(instance, JobPath(jobFullName) + "api/json?tree=" + Uri.EscapeDataString(BuildsTree), ct);
        return job["builds"] as JsonArray ?? [];
    }

    /// <summary>Builds with the fields the Jenkins tab shows; also the project's class and branches (a multibranch project has no builds).</summary>
    internal const string JobTree = "_class,url,jobs[name]," + "builds[number,result,timestamp,duration,building,url,"
        + "actions[failCount,skipCount,totalCount,lastBuiltRevision[SHA1,branch[name]]]]{0,20}";

    /// <summary>A job (or multibranch project) with its newest builds.</summary>
    public Task<JsonObject> GetJobAsync(JenkinsInstance instance, string jobFullName, CancellationToken ct) =>
        GetAsync(instance, JobPath(jobFullName) + "api/json?tree=" + Uri.EscapeDataString(JobTree), ct);

    /// <summary>The stage view of one run: <c>/job/…/{n}/wfapi/describe</c>.</summary>
    public Task<JsonObject> GetRunAsync(JenkinsInstance instance, string jobFullName, int number, CancellationToken ct) =>
        GetAsync(instance, $"{JobPath(jobFullName)}{number}/wfapi/describe", ct);

    /// <summary>One stage's steps: <c>/job/…/{n}/execution/node/{id}/wfapi/describe</c>.</summary>
    public Task<JsonObject> GetNodeAsync(JenkinsInstance instance, string jobFullName, int number, string nodeId, CancellationToken ct) =>
        GetAsync(instance, $"{JobPath(jobFullName)}{number}/execution/node/{Uri.EscapeDataString(nodeId)}/wfapi/describe", ct);

    /// <summary>One step's log: <c>/job/…/{n}/execution/node/{id}/wfapi/log</c>.</summary>
    public Task<JsonObject> GetNodeLogAsync(JenkinsInstance instance, string jobFullName, int number, string nodeId, CancellationToken ct) =>
        GetAsync(instance, $"{JobPath(jobFullName)}{number}/execution/node/{Uri.EscapeDataString(nodeId)}/wfapi/log", ct);

    /// <summary>The controller's root document: answers only with valid credentials (the health check).</summary>
    public Task<JsonObject> GetRootAsync(JenkinsInstance instance, CancellationToken ct) => GetAsync(instance, "api/json?tree=mode", ct);

    internal const string ParametersTree =
        "property[parameterDefinitions[name,defaultParameterValue[value]]],builds[number,actions[parameters[name,value]]]{0,1}";

    /// <summary>
    /// What a rebuild must send for a parameterised job: each defined parameter with the value the newest build ran with,
    /// else its default (as Jenkins' "Rebuild" does); null when the job takes no parameters.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>?> RebuildParametersAsync(JenkinsInstance instance, string jobFullName, CancellationToken ct)
    {
        var job = await GetAsync(instance, JobPath(jobFullName) + "api/json?tree=" + Uri.EscapeDataString(ParametersTree), ct);
        var definitions = (job["property"] as JsonArray ?? []).OfType<JsonObject>()
            .SelectMany(p => p["parameterDefinitions"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(d => d["name"] is JsonValue).ToList();
        if (definitions.Count == 0)
        {
            return null;
        }
        var last = ((job["builds"] as JsonArray)?.FirstOrDefault()?["actions"] as JsonArray ?? []).OfType<JsonObject>()
            .SelectMany(a => a["parameters"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(p => p["name"] is JsonValue)
            .GroupBy(p => p["name"]!.GetValue<string>(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => ValueText(g.First()["value"]), StringComparer.Ordinal);
        return definitions.ToDictionary(d => d["name"]!.GetValue<string>(),
            d => last.TryGetValue(d["name"]!.GetValue<string>(), out var v) && v is not null ? v : ValueText(d["defaultParameterValue"]?["value"]) ?? "",
            StringComparer.Ordinal);
    }

    /// <summary>A parameter value as Jenkins' form takes it: strings as they are, booleans and numbers as JSON writes them.</summary>
    private static string? ValueText(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => null, // file or credentials parameters carry no value a rebuild could resend
    };

    /// <summary>
    /// Starts a build of the job: fetches a CSRF crumb (<c>/crumbIssuer/api/json</c>; a controller with CSRF protection off
    /// answers 404, and then none is sent) and POSTs <c>/job/…/build</c> with it, or <c>/job/…/buildWithParameters</c> with
    /// <paramref name="parameters"/> as a form for a parameterised job. Sent once: a POST is never retried.
    /// </summary>
    /// <returns>The queue item's URL Jenkins answered in <c>Location</c>, if any.</returns>
    public async Task<Uri?> BuildAsync(JenkinsInstance instance, string jobFullName, CancellationToken ct,
        IReadOnlyDictionary<string, string>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        (string Field, string Value)? crumb = null;
        try
        {
            var issued = await GetAsync(instance, "crumbIssuer/api/json", ct);
            if (issued["crumbRequestField"]?.GetValue<string>() is { } field && issued["crumb"]?.GetValue<string>() is { } value)
            {
                crumb = (field, value);
            }
        }
        catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // CSRF protection is off on this controller: the POST needs no crumb.
        }
        var path = JobPath(jobFullName) + (parameters is null ? "build" : "buildWithParameters");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(instance.Url, path));
        if (parameters is not null)
        {
            request.Content = new FormUrlEncodedContent(parameters);
        }
        instance.Authorize(request);
        if (crumb is { } c)
        {
            request.Headers.TryAddWithoutValidation(c.Field, c.Value);
        }
        using var response = await instance.Http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST /{path} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
        return response.Headers.Location;
    }

    private static async Task<JsonObject> GetAsync(JenkinsInstance instance, string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instance);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(instance.Url, path));
        instance.Authorize(request);
        var query = path.IndexOf('?', StringComparison.Ordinal);
        return await UpstreamJson.SendAsync(instance.Http, request, "/" + (query < 0 ? path : path[..query]), ct);
    }

    /// <summary>Folders nest as <c>job/a/job/b/</c>.</summary>
    internal static string JobPath(string jobFullName) =>
        string.Concat(jobFullName.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(part => $"job/{Uri.EscapeDataString(part)}/"));
}
