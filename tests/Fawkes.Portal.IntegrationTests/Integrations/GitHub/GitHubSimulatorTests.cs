using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Simulators.GitHub;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Integrations.GitHub;

/// <summary>The simulator's wire answers where GitHub's are particular: auth, empty repositories, rate limit, fast-forwards.</summary>
public sealed class GitHubSimulatorTests : IAsyncLifetime
{
    private static readonly string Token = TestSecret.New("ghp");
    private GitHubSimulator _sim = default!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _sim = await GitHubSimulator.StartAsync(Token, "dev-user", ["acme"]);
        _sim.AddRepository("acme", "full", new Dictionary<string, string> { ["a.txt"] = "a\n" });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sim.DisposeAsync();
    }

    [Theory]
    [InlineData("token")]
    [InlineData("Bearer")]
    public async Task Both_token_schemes_are_accepted(string scheme)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "user", auth: $"{scheme} {Token}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("dev-user", body["login"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_token_is_401_Bad_credentials()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "repos/acme/full", auth: "token nope");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(("Bad credentials", "401"), (body["message"]!.GetValue<string>(), body["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_repository_is_404_Not_Found()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "repos/acme/missing");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Not Found", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_Git_Data_API_answers_409_on_an_empty_repository_and_the_contents_API_makes_the_first_commit()
    {
        await SendAsync(HttpMethod.Post, "orgs/acme/repos", new { name = "empty" });

        var (refStatus, refBody) = await SendAsync(HttpMethod.Get, "repos/acme/empty/git/ref/heads/main");
        var (blobStatus, _) = await SendAsync(HttpMethod.Post, "repos/acme/empty/git/blobs", new { content = "x", encoding = "utf-8" });
        var (putStatus, _) = await SendAsync(HttpMethod.Put, "repos/acme/empty/contents/README.md", new { message = "first", content = "eAo=" });
        var (afterStatus, _) = await SendAsync(HttpMethod.Post, "repos/acme/empty/git/blobs", new { content = "x", encoding = "utf-8" });

        Assert.Equal((HttpStatusCode.Conflict, "Git Repository is empty."), (refStatus, refBody["message"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Conflict, blobStatus);
        Assert.Equal(HttpStatusCode.Created, putStatus);
        Assert.Equal(HttpStatusCode.Created, afterStatus);
    }

    [Fact]
    public async Task A_used_up_rate_limit_is_403_with_the_X_RateLimit_headers()
    {
        _sim.Faults.RateLimitRemaining = 1;
        using var allowed = await RawAsync(HttpMethod.Get, "repos/acme/full");
        using var refused = await RawAsync(HttpMethod.Get, "repos/acme/full");
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;

        Assert.Equal(("0", "5000"), (allowed.Headers.GetValues("X-RateLimit-Remaining").Single(), allowed.Headers.GetValues("X-RateLimit-Limit").Single()));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.StartsWith("API rate limit exceeded", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(long.Parse(refused.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture)
            > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Moving_a_branch_backwards_needs_force()
    {
        var (_, head) = await SendAsync(HttpMethod.Get, "repos/acme/full/git/ref/heads/main");
        var (_, tree) = await SendAsync(HttpMethod.Post, "repos/acme/full/git/trees", new { tree = new[] { new { path = "b.txt", mode = "100644", type = "blob", content = "b" } } });
        var (_, root) = await SendAsync(HttpMethod.Post, "repos/acme/full/git/commits", new { message = "unrelated", tree = tree["sha"]!.GetValue<string>(), parents = Array.Empty<string>() });
        var sha = root["sha"]!.GetValue<string>();

        var (refused, body) = await SendAsync(HttpMethod.Patch, "repos/acme/full/git/refs/heads/main", new { sha });
        var (forced, _) = await SendAsync(HttpMethod.Patch, "repos/acme/full/git/refs/heads/main", new { sha, force = true });

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "Update is not a fast forward"), (refused, body["message"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, forced);
        Assert.NotEqual(head["object"]!["sha"]!.GetValue<string>(), sha);
    }

    [Fact]
    public async Task Latency_delays_every_answer()
    {
        _sim.Faults.Latency = TimeSpan.FromMilliseconds(400);
        var clock = Stopwatch.StartNew();

        await SendAsync(HttpMethod.Get, "repos/acme/full");

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(380), $"answered after {clock.Elapsed}");
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(HttpMethod method, string path, object? body = null, string? auth = null)
    {
        using var answer = await RawAsync(method, path, body, auth);
        var text = await answer.Content.ReadAsStringAsync();
        return (answer.StatusCode, JsonNode.Parse(text.Length == 0 ? "{}" : text)!);
    }

    private async Task<HttpResponseMessage> RawAsync(HttpMethod method, string path, object? body = null, string? auth = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_sim.ApiBaseAddress, path)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(auth ?? $"token {Token}");
        return await _http.SendAsync(request);
    }
}
