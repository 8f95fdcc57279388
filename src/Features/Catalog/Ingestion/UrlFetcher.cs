using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

/// <summary>
/// Fetches URL locations. Only GitHub and allow-listed hosts; loopback, private and link-local addresses are
/// refused unless <c>Catalog:AllowPrivateNetworks</c> is set, so a registered URL cannot probe the cluster (SSRF).
/// </summary>
public sealed class UrlFetcher(IHttpClientFactory clients, IOptions<CatalogOptions> options)
{
    public const string ClientName = "catalog-url";
    private static readonly string[] GitHubHosts = ["github.com", "raw.githubusercontent.com"];

    public async Task<string> GetStringAsync(string url, CancellationToken cancellationToken, string? bearer = null)
    {
        var uri = await CheckAsync(url, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, RawUrl(uri));
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }
        using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new SourceFetchException($"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
        var max = options.Value.MaxFileBytes;
        if (response.Content.Headers.ContentLength > max)
        {
            throw new SourceFetchException($"{url} is {response.Content.Headers.ContentLength:N0} bytes, over the limit of {max:N0} (Catalog:MaxFileBytes).");
        }
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return bytes.Length > max
            ? throw new SourceFetchException($"{url} is over the limit of {max:N0} bytes (Catalog:MaxFileBytes).")
            : System.Text.Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Refuses what the catalog must not read, with the reason.</summary>
    public async Task<Uri> CheckAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new SourceFetchException($"'{url}' is not an http(s) URL.");
        }
        var host = uri.Host.ToLowerInvariant();
        var allowed = GitHubHosts.Contains(host) || options.Value.AllowedHosts.Any(h => string.Equals(h, host, StringComparison.OrdinalIgnoreCase));
        if (!allowed)
        {
            throw new SourceFetchException($"Host '{host}' is not allowed: add it to Catalog:AllowedHosts to read catalog files from it.");
        }
        if (!options.Value.AllowPrivateNetworks)
        {
            IPAddress[] addresses;
            try
            {
                addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException ex)
            {
                throw new SourceFetchException($"Host '{host}' could not be resolved: {ex.Message}", ex);
            }
            if (addresses.FirstOrDefault(IsPrivate) is { } blocked)
            {
                throw new SourceFetchException($"Host '{host}' resolves to {blocked}, a loopback or private address; refused (Catalog:AllowPrivateNetworks).");
            }
        }
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

    public static bool IsPrivate(IPAddress address)
    {
        if (IPAddress.IsLoopback(address))
        {
            return true;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.Equals(IPAddress.IPv6Any);
        }
        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 127 || b[0] == 0
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
    }
}
