using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fawkes.Portal.Testing;

/// <summary>
/// A stand-in for a Backstage backend's catalog: <c>GET /api/catalog/entities/by-query</c> with Backstage's
/// response shape (<c>items, totalItems, pageInfo.nextCursor</c>) and bearer-token auth.
/// </summary>
public sealed class FakeBackstage : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeBackstage(WebApplication app, IReadOnlyList<JsonObject> entities, string token)
    {
        _app = app;
        Entities = entities;
        Token = token;
    }

    public IReadOnlyList<JsonObject> Entities { get; }
    public string Token { get; }
    public Uri BaseAddress { get; private set; } = default!;

    public static async Task<FakeBackstage> StartAsync(IReadOnlyList<JsonObject> entities, string token)
    {
        var app = LoopbackApp.Create();
        var fake = new FakeBackstage(app, entities, token);
        app.MapGet("/api/catalog/entities/by-query", (HttpRequest request, int? limit, string? cursor) =>
        {
            if (request.Headers.Authorization.ToString() != $"Bearer {token}")
            {
                return Results.Json(new { error = new { name = "AuthenticationError", message = "Missing credentials" } }, statusCode: 401);
            }
            var offset = cursor is null ? 0 : int.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture);
            var take = limit ?? 20;
            var page = entities.Skip(offset).Take(take).Select(e => (JsonNode)e.DeepClone()).ToArray();
            var pageInfo = new JsonObject();
            if (offset + take < entities.Count)
            {
                pageInfo["nextCursor"] = (offset + take).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return Results.Json(new JsonObject { ["items"] = new JsonArray(page), ["totalItems"] = entities.Count, ["pageInfo"] = pageInfo });
        });
        fake.BaseAddress = await LoopbackApp.StartAsync(app);
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
