using System.Net.Sockets;
using Fawkes.Portal.Integrations;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

/// <summary>The HTTP client catalog URLs and the Backstage mirror are read with: guarded at connect time, resilient, no automatic redirects.</summary>
public static class CatalogHttp
{
    /// <summary>One attempt at a catalog file or mirror page.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    public static IServiceCollection AddCatalogHttp(this IServiceCollection services)
    {
        services.TryAddSingleton<NetworkGuard>();
        services.TryAddSingleton<UrlFetcher>();
        services.AddHttpClient(UrlFetcher.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => GuardedHandler(sp.GetRequiredService<NetworkGuard>()))
            .AddPortalResilience(_ => AttemptTimeout);
        return services;
    }

    /// <summary>
    /// Checks the address actually connected to, so DNS rebinding cannot slip a private address past the check made
    /// before the request. Redirects are not followed here: <see cref="UrlFetcher"/> follows them itself, checking each hop.
    /// </summary>
    private static SocketsHttpHandler GuardedHandler(NetworkGuard guard) => new()
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (context, ct) =>
        {
            System.Net.IPAddress[] addresses;
            try
            {
                addresses = await guard.ResolveAsync(context.DnsEndPoint.Host, ct);
            }
            catch (SourceFetchException ex)
            {
                throw new OutboundRefusedException(ex.Message, ex);
            }
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
