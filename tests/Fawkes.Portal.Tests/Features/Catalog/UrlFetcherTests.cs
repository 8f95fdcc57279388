using System.Net;
using Fawkes.Portal.Features.Catalog;
using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Integrations;
using Fawkes.Portal.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Tests.Features.Catalog;

/// <summary>
/// Catalog URL reads against a real loopback server, through the registered client. The guard keeps its full range
/// table except that loopback stands in for a public host (the test server has no other address); a test of the
/// connect-time check uses the table unchanged.
/// </summary>
public sealed class UrlFetcherTests : IAsyncLifetime
{
    private const string MetadataUrl = "http://169.254.169.254/latest/meta-data/";
    private StaticHttpServer _server = default!;
    private readonly CatalogOptions _options = new() { AllowedHosts = { "localhost", "169.254.169.254" }, MaxFileBytes = 64 * 1024 };

    public async Task InitializeAsync() => _server = await StaticHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ServiceProvider Services(bool loopbackIsPublic = true)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(Options.Create(_options));
        if (loopbackIsPublic)
        {
            services.AddSingleton(sp => new NetworkGuard(Options.Create(_options))
            {
                Classify = a => IPAddress.IsLoopback(a) ? null : AddressClassifier.NonPublicRange(a),
            });
        }
        services.AddCatalogHttp();
        return services.BuildServiceProvider();
    }

    private string RedirectTo(string path, string location, int status = 302) =>
        _server.Handle(path, ctx =>
        {
            ctx.Response.StatusCode = status;
            ctx.Response.Headers.Location = location;
            return Task.CompletedTask;
        });

    [Fact]
    public async Task Redirects_between_allowed_hosts_are_followed()
    {
        _server.Put("moved/catalog-info.yaml", "kind: Component");
        var url = RedirectTo("catalog-info.yaml", "/moved/catalog-info.yaml", 301);
        await using var services = Services();

        var text = await services.GetRequiredService<UrlFetcher>().GetStringAsync(url, CancellationToken.None);

        Assert.Equal("kind: Component", text);
    }

    [Fact]
    public async Task A_redirect_to_a_host_not_allowed_is_refused_naming_the_hop_and_the_setting()
    {
        var url = RedirectTo("catalog-info.yaml", "https://evil.example/steal.yaml");
        await using var services = Services();

        var ex = await Assert.ThrowsAsync<SourceFetchException>(
            () => services.GetRequiredService<UrlFetcher>().GetStringAsync(url, CancellationToken.None));

        Assert.Equal($"GET {url} redirected to https://evil.example/steal.yaml, which is refused: "
            + "Host 'evil.example' is not allowed: add it to Catalog:AllowedHosts to read catalog files from it.", ex.Message);
    }

    [Fact]
    public async Task A_redirect_to_a_private_address_is_refused_even_when_its_host_is_allowed()
    {
        var url = RedirectTo("catalog-info.yaml", MetadataUrl, 307);
        await using var services = Services();

        var ex = await Assert.ThrowsAsync<SourceFetchException>(
            () => services.GetRequiredService<UrlFetcher>().GetStringAsync(url, CancellationToken.None));

        Assert.Contains($"redirected to {MetadataUrl}, which is refused: Host '169.254.169.254' resolves to 169.254.169.254, "
            + "a non-public address (link-local 169.254.0.0/16); refused (Catalog:AllowPrivateNetworks).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_loop_stops_after_five_hops()
    {
        var url = RedirectTo("loop", "/loop");
        await using var services = Services();

        var ex = await Assert.ThrowsAsync<SourceFetchException>(
            () => services.GetRequiredService<UrlFetcher>().GetStringAsync(url, CancellationToken.None));

        Assert.Equal($"GET {url} redirected more than 5 times; refused.", ex.Message);
        Assert.Equal(UrlFetcher.MaxRedirects + 1, _server.Hits("loop"));
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_refused_while_streaming()
    {
        // 8 MB offered at about 3 MB/s: a client that read it all would keep the server busy for ~2.5 s.
        const int offered = 8 * 1024 * 1024;
        var written = 0;
        var serverDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var url = _server.Handle("huge.yaml", async ctx =>
        {
            var line = new byte[16 * 1024];
            Array.Fill(line, (byte)'#');
            try
            {
                // No Content-Length: Kestrel sends this chunked.
                while (written < offered)
                {
                    await ctx.Response.Body.WriteAsync(line, ctx.RequestAborted);
                    await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                    written += line.Length;
                    await Task.Delay(5, ctx.RequestAborted);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                // The client hung up: what the test wants.
            }
            finally
            {
                serverDone.TrySetResult();
            }
        });
        await using var services = Services();

        var ex = await Assert.ThrowsAsync<SourceFetchException>(
            () => services.GetRequiredService<UrlFetcher>().GetStringAsync(url, CancellationToken.None));

        Assert.StartsWith($"{url} is over the limit of 65,536 bytes (Catalog:MaxFileBytes); stopped reading at", ex.Message, StringComparison.Ordinal);
        await serverDone.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(written < offered / 2, $"The server wrote {written:N0} bytes before the client hung up.");
    }

    [Fact]
    public async Task A_body_within_the_limit_is_read_whole_without_a_length()
    {
        var url = _server.Handle("ok.yaml", async ctx =>
        {
            await ctx.Response.WriteAsync(new string('a', 40_000));
            await ctx.Response.Body.FlushAsync();
            await ctx.Response.WriteAsync(new string('b', 20_000));
        });
        await using var services = Services();

        var text = await services.GetRequiredService<UrlFetcher>().GetStringAsync(url, CancellationToken.None);

        Assert.Equal(60_000, text.Length);
    }

    [Fact]
    public async Task The_connection_itself_is_refused_when_the_address_is_private_and_not_retried()
    {
        var url = _server.Put("catalog-info.yaml", "kind: Component");
        await using var services = Services(loopbackIsPublic: false);
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(UrlFetcher.ClientName);

        // Straight to the client, past UrlFetcher's own check: as if DNS changed its answer in between (rebinding).
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(url));

        Assert.True(OutboundRefusedException.IsIn(ex), ex.ToString());
        Assert.Contains("a non-public address (loopback", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.Hits("catalog-info.yaml"));
    }
}
