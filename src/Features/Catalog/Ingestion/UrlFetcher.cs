using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Fawkes.Portal.Integrations;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

/// <summary>
/// Fetches URL locations. Only GitHub and allow-listed hosts, and only public addresses unless
/// <c>Catalog:AllowPrivateNetworks</c> is set, so a registered URL cannot probe the cluster (SSRF). Redirects are
/// followed here, at most <see cref="MaxRedirects"/>, each hop checked like the first; bodies are read up to
/// <c>Catalog:MaxFileBytes</c>, whether or not the server announces a length.
/// </summary>
public sealed class UrlFetcher(IHttpClientFactory clients, IOptions<CatalogOptions> options, NetworkGuard guard)
{
    public const string ClientName = "catalog-url";
    public const int MaxRedirects = 5;
    private static readonly string[] GitHubHosts = ["github.com", "raw.githubusercontent.com"];

    public async Task<string> GetStringAsync(string url, CancellationToken cancellationToken, string? bearer = null)
    {
        var first = RawUrl(await CheckAsync(url, cancellationToken));
        var uri = first;
        var client = clients.CreateClient(ClientName);
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            // The token belongs to the host it was configured for, never to where that host redirects.
            if (bearer is not null && Uri.Compare(uri, first, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (IsRedirect(response.StatusCode))
            {
                uri = await NextHopAsync(url, uri, response, hop, cancellationToken);
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new SourceFetchException($"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
            return await ReadLimitedAsync(url, response, options.Value.MaxFileBytes, cancellationToken);
        }
    }

    private async Task<Uri> NextHopAsync(string url, Uri current, HttpResponseMessage response, int hop, CancellationToken ct)
    {
        if (hop >= MaxRedirects)
        {
            throw new SourceFetchException($"GET {url} redirected more than {MaxRedirects} times; refused.");
        }
        var location = response.Headers.Location
            ?? throw new SourceFetchException($"GET {url} answered {(int)response.StatusCode} without a Location header.");
        var next = location.IsAbsoluteUri ? location : new Uri(current, location);
        if (current.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp)
        {
            throw new SourceFetchException($"GET {url} redirected from https to {next}; refused (no downgrade to plain http).");
        }
        try
        {
            return await CheckAsync(next.ToString(), ct);
        }
        catch (SourceFetchException ex)
        {
            throw new SourceFetchException($"GET {url} redirected to {next}, which is refused: {ex.Message}", ex);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>Stops reading as soon as the body passes <paramref name="max"/> bytes: a chunked answer announces no length.</summary>
    internal static async Task<string> ReadLimitedAsync(string url, HttpResponseMessage response, int max, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength > max)
        {
            throw new SourceFetchException($"{url} is {response.Content.Headers.ContentLength:N0} bytes, over the limit of {max:N0} (Catalog:MaxFileBytes).");
        }
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw new SourceFetchException($"{url} is over the limit of {max:N0} bytes (Catalog:MaxFileBytes); stopped reading at {buffer.Length + read:N0}.");
            }
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Refuses what the catalog must not read, with the reason.</summary>
    public async Task<Uri> CheckAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new SourceFetchException($"'{url}' is not an http(s) URL.");
        }
        var host = uri.Host.ToLowerInvariant();
        // IdnHost is what DNS is asked (punycode, IPv6 without brackets); either spelling may be allow-listed.
        var dnsHost = uri.IdnHost.ToLowerInvariant();
        var allowed = GitHubHosts.Contains(host) || options.Value.AllowedHosts.Any(h =>
            string.Equals(h, host, StringComparison.OrdinalIgnoreCase) || string.Equals(h, dnsHost, StringComparison.OrdinalIgnoreCase));
        if (!allowed)
        {
            throw new SourceFetchException($"Host '{host}' is not allowed: add it to Catalog:AllowedHosts to read catalog files from it.");
        }
        await guard.ResolveAsync(dnsHost, cancellationToken);
        return uri;
    }

    /// <summary>GitHub "blob" page URLs are read from their raw form.</summary>
    internal static Uri RawUrl(Uri uri)
    {
        var parts = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return uri.Host == "github.com" && parts.Length > 4 && parts[2] == "blob"
            ? new Uri($"https://raw.githubusercontent.com/{parts[0]}/{parts[1]}/{string.Join('/', parts[3..])}")
            : uri;
    }
}
