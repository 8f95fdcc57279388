using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fawkes.Portal.Testing;

/// <summary>A tiny real HTTP server on loopback that serves files set by the test (a stand-in for a Git host's raw files, or another site).</summary>
public sealed class StaticHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);

    private StaticHttpServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = default!;

    public static async Task<StaticHttpServer> StartAsync()
    {
        var app = LoopbackApp.Create();
        var server = new StaticHttpServer(app);
        app.Run(ctx => server.ServeAsync(ctx));
        server.BaseAddress = await LoopbackApp.StartAsync(app);
        return server;
    }

    public string Put(string path, string content)
    {
        _files[path] = content;
        return new Uri(BaseAddress, path).ToString();
    }

    private async Task ServeAsync(HttpContext ctx)
    {
        if (_files.TryGetValue(ctx.Request.Path.Value!.TrimStart('/'), out var content))
        {
            // Catalog files, and the occasional HTML page a browser test loads from this second origin.
            ctx.Response.ContentType = ctx.Request.Path.Value!.EndsWith(".html", StringComparison.Ordinal) ? "text/html; charset=utf-8" : "text/yaml";
            await ctx.Response.WriteAsync(content);
        }
        else
        {
            ctx.Response.StatusCode = 404;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
