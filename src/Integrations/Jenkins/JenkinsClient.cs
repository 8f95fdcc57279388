using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.Jenkins;

/// <summary>The Jenkins JSON API, as far as the DORA poller needs it.</summary>
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

    /// <summary>Folders nest as <c>job/a/job/b/</c>.</summary>
    internal static string JobPath(string jobFullName) =>
        string.Concat(jobFullName.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(part => $"job/{Uri.EscapeDataString(part)}/"));
}
