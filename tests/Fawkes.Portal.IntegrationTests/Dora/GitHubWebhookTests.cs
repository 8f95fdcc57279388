using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Dora.Webhooks;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Dora;

/// <summary>GitHub webhooks: HMAC-verified, applied once per delivery, mapped to DORA events.</summary>
public sealed class GitHubWebhookTests : IAsyncLifetime
{
    private const string Secret = "webhook-secret-for-tests";
    private PortalHost _host = default!;

    public async Task InitializeAsync() =>
        _host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?> { ["Dora:GitHub:WebhookSecret"] = Secret });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<HttpResponseMessage> SendAsync(string eventName, string delivery, string json, string? secret = Secret)
    {
        using var client = _host.NewClient();
        var body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/github") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", delivery);
        if (secret is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", GitHubSignature.Sign(body, secret));
        }
        return await client.SendAsync(request);
    }

    private const string MergedPr = """
        {"action":"closed","number":7,"repository":{"full_name":"acme/loyalty"},
         "pull_request":{"number":7,"merged":true,"created_at":"2024-06-03T09:00:00Z","merged_at":"2024-06-03T11:00:00Z","merge_commit_sha":"abc777","title":"Points","html_url":"https://github.com/acme/loyalty/pull/7"}}
        """;

    [Fact]
    public async Task A_signed_merged_pull_request_and_deployment_status_become_events_once()
    {
        var deployment = """
            {"action":"created","repository":{"full_name":"acme/loyalty"},
             "deployment":{"id":99,"sha":"abc777","environment":"production","created_at":"2024-06-04T10:00:00Z"},
             "deployment_status":{"state":"success","created_at":"2024-06-04T10:06:00Z","target_url":"https://argocd.example/app"}}
            """;

        var pr = await SendAsync("pull_request", "delivery-1", MergedPr);
        var again = await SendAsync("pull_request", "delivery-1", MergedPr);
        var deploy = await SendAsync("deployment_status", "delivery-2", deployment);

        Assert.Equal(1, (await pr.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>());
        Assert.True((await again.Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, deploy.StatusCode);
        using var api = _host.NewClient(bearer: PortalHost.BootstrapToken);
        var summary = (await api.GetFromJsonAsync<JsonObject>("/api/dora/summary?service=loyalty&from=2024-06-01&to=2024-06-30"))!;
        Assert.Equal(1, summary["deployments"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("not-the-secret")]
    [InlineData(null)]
    public async Task A_wrong_or_missing_signature_is_refused_and_nothing_is_stored(string? secret)
    {
        var response = await SendAsync("pull_request", $"forged-{secret}", MergedPr.Replace("abc777", "forged", StringComparison.Ordinal), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var api = _host.NewClient(bearer: PortalHost.BootstrapToken);
        var deployments = (await api.GetFromJsonAsync<JsonObject>("/api/dora/deployments?service=loyalty&from=2024-06-01&to=2024-06-30"))!;
        Assert.Empty(deployments["items"]!.AsArray());
    }

    [Fact]
    public async Task Other_events_are_acknowledged_without_storing_anything()
    {
        var ping = await SendAsync("ping", "delivery-ping", """{"zen":"Keep it logically awesome.","repository":{"full_name":"acme/loyalty"}}""");

        Assert.Equal(0, (await ping.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>());
    }
}
