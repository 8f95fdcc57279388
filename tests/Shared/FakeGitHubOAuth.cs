using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fawkes.Portal.Testing;

/// <summary>
/// GitHub's OAuth web flow and the user endpoints the portal reads at sign-in: token exchange,
/// <c>/user</c>, <c>/user/orgs</c>, <c>/user/teams</c>, in GitHub's JSON shapes.
/// </summary>
public sealed class FakeGitHubOAuth : IAsyncDisposable
{
    public const string ClientId = "Iv1.fakeclient";
    public const string ClientSecret = "fake-client-secret";
    private const string AccessToken = "gho_fake_access_token";
    private readonly WebApplication _app;

    private FakeGitHubOAuth(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = default!;
    public string Login { get; set; } = "octocat";
    public string[] Organizations { get; set; } = ["fawkes"];
    public (string Org, string Slug)[] Teams { get; set; } = [("fawkes", "platform")];

    public static async Task<FakeGitHubOAuth> StartAsync()
    {
        var app = LoopbackApp.Create();
        var fake = new FakeGitHubOAuth(app);
        app.MapPost("/login/oauth/access_token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            return form["client_id"] == ClientId && form["client_secret"] == ClientSecret && form["code"] == "good-code"
                ? Results.Json(new { access_token = AccessToken, token_type = "bearer", scope = "read:user,read:org" })
                : Results.Json(new { error = "bad_verification_code" });
        });
        app.MapGet("/user", (HttpRequest r) => Authorized(r)
            ? Results.Json(new { login = fake.Login, id = 583231, name = "The Octocat", email = "octocat@example.com", avatar_url = "https://avatars.example/u/583231" })
            : Results.Json(new { message = "Bad credentials" }, statusCode: 401));
        app.MapGet("/user/orgs", (HttpRequest r) => Authorized(r)
            ? Results.Json(fake.Organizations.Select(o => new { login = o, id = 1 }))
            : Results.StatusCode(401));
        app.MapGet("/user/teams", (HttpRequest r) => Authorized(r)
            ? Results.Json(fake.Teams.Select(t => new { slug = t.Slug, name = t.Slug, organization = new { login = t.Org } }))
            : Results.StatusCode(401));
        fake.BaseAddress = await LoopbackApp.StartAsync(app);
        return fake;
    }

    private static bool Authorized(HttpRequest request) =>
        request.Headers.Authorization.ToString() == $"Bearer {AccessToken}" && request.Headers.UserAgent.Count > 0;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
