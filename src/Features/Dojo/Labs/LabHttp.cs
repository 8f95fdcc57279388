using System.Net;
using System.Net.Sockets;
using Fawkes.Portal.Integrations;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Dojo.Labs;

/// <summary>
/// The HTTP client of <c>http</c> lab checks: the portal's resilience pipeline, no redirects followed (the answer checked is
/// the URL's own), and only public addresses unless <see cref="LabOptions.AllowPrivateNetworks"/> — checked on every
/// connection, so DNS rebinding cannot slip a private address past the check made before the request.
/// </summary>
public static class LabHttp
{
    public const string ClientName = "dojo-lab-http";

    public static IServiceCollection AddLabHttp(this IServiceCollection services)
    {
        services.AddHttpClient(ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => Guarded(sp.GetRequiredService<IOptions<LabOptions>>()))
            .AddPortalResilience(sp => TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<LabOptions>>().Value.HttpTimeoutSeconds));
        return services;
    }

    /// <summary>The host's addresses, or an <see cref="OutboundRefusedException"/> naming the host, address and range refused.</summary>
    public static async Task<IPAddress[]> ResolveAsync(string host, bool allowPrivate, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException ex)
        {
            throw new OutboundRefusedException($"Host '{host}' could not be resolved: {ex.Message}", ex);
        }
        foreach (var address in addresses)
        {
            if (!allowPrivate && AddressClassifier.NonPublicRange(address) is { } range)
            {
                throw new OutboundRefusedException(
                    $"Host '{host}' resolves to {address}, a non-public address ({range}); refused ({LabOptions.Section}:AllowPrivateNetworks).");
            }
        }
        return addresses;
    }

    private static SocketsHttpHandler Guarded(IOptions<LabOptions> options) => new()
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await ResolveAsync(context.DnsEndPoint.Host, options.Value.AllowPrivateNetworks, ct);
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
