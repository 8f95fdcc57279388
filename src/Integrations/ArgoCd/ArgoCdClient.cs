using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.ArgoCd;

/// <summary>ArgoCD's REST API v1, as far as the DORA poller needs it.</summary>
public sealed class ArgoCdClient(IHttpClientFactory clients, IOptions<ArgoCdOptions> options)
{
    public const string ClientName = "argocd";

    /// <summary><c>GET /api/v1/applications/{name}</c>: the Application, including <c>status.history</c>.</summary>
    /// <exception cref="HttpRequestException">A non-success answer; the message names the path and status, never the token.</exception>
    public async Task<JsonObject> GetApplicationAsync(string name, CancellationToken ct)
    {
        var path = $"api/v1/applications/{Uri.EscapeDataString(name)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri(options.Value.BaseUrl), path));
        if (!string.IsNullOrEmpty(options.Value.Token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.Token);
        }
        return await UpstreamJson.SendAsync(clients.CreateClient(ClientName), request, "/" + path, ct);
    }

    /// <summary>A trailing slash keeps a base path (<c>https://host/argocd/</c>) when relative paths are added.</summary>
    internal static Uri BaseUri(string baseUrl) => new(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
}
