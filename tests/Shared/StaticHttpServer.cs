using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fawkes.Portal.Testing;

/// <summary>A tiny real HTTP server on loopback that serves files set by the test (a stand-in for a Git host's raw files, or another site).</summary>
public sealed class StaticHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RequestDelegate> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);

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

    /// <summary>Answers <paramref name="path"/> with a scripted response (status sequences, redirects, chunked bodies).</summary>
    public string Handle(string path, RequestDelegate handler)
    {
        _handlers[path] = handler;
        return new Uri(BaseAddress, path).ToString();
    }

    /// <summary>How many requests reached <paramref name="path"/>.</summary>
    public int Hits(string path) => _hits.GetValueOrDefault(path);

    private async Task ServeAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value!.TrimStart('/');
        _hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (_handlers.TryGetValue(path, out var handler))
        {
            await handler(ctx);
        }
        else if (_files.TryGetValue(path, out var content))
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
