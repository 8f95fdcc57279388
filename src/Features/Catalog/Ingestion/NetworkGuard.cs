using System.Net;
using System.Net.Sockets;
using Fawkes.Portal.Integrations;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

/// <summary>
/// Which addresses catalog reads may reach: only public ones, unless <c>Catalog:AllowPrivateNetworks</c> is set
/// (local fakes). Asked before each request and redirect hop, and again on every connection (DNS rebinding).
/// </summary>
public sealed class NetworkGuard(IOptions<CatalogOptions> options)
{
    /// <summary>The range table; tests let a loopback server stand in for a public host here, nothing else does.</summary>
    internal Func<IPAddress, string?> Classify { get; init; } = AddressClassifier.NonPublicRange;

    /// <summary>Why <paramref name="address"/> is refused, or null when it may be reached.</summary>
    public string? Refusal(IPAddress address) => options.Value.AllowPrivateNetworks ? null : Classify(address);

    /// <summary>The host's addresses, or a <see cref="SourceFetchException"/> naming the host, address and range refused.</summary>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException ex)
        {
            throw new SourceFetchException($"Host '{host}' could not be resolved: {ex.Message}", ex);
        }
        foreach (var address in addresses)
        {
            if (Refusal(address) is { } range)
            {
                throw new SourceFetchException(
                    $"Host '{host}' resolves to {address}, a non-public address ({range}); refused (Catalog:AllowPrivateNetworks).");
            }
        }
        return addresses;
    }
}
