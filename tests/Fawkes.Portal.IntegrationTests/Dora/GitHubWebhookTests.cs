using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Dora.Webhooks;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    private static string Push(string branch, params string[] timestamps)
    {
        var commits = string.Join(",", timestamps.Select((t, i) => "{\"id\":\"c" + i + "\",\"timestamp\":\"" + t + "\"}"));
        return "{\"ref\":\"refs/heads/" + branch + "\",\"repository\":{\"full_name\":\"acme/loyalty\"},\"commits\":[" + commits + "]}";
    }

    private static string MergedFrom(int number, string branch) => $$$"""
        {"action":"closed","number":{{{number}}},"repository":{"full_name":"acme/loyalty"},
         "pull_request":{"number":{{{number}}},"merged":true,"created_at":"2024-07-03T09:00:00Z","merged_at":"2024-07-03T11:00:00Z","merge_commit_sha":"m{{{number}}}","head":{"ref":"{{{branch}}}"} } }
        """;

    [Fact]
    public async Task Pushes_to_a_branch_give_its_merged_pull_request_a_first_commit_time_in_either_order()
    {
        using var api = _host.NewClient(bearer: PortalHost.BootstrapToken);
        async Task<string?> FirstCommitAsync(int number)
        {
            var records = await _host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Fawkes.Portal.Data.PortalDbContext>>().CreateDbContextAsync();
            await using var _ = records;
            var json = await records.Set<Fawkes.Portal.Features.Dora.Events.DoraEventRecord>()
                .Where(r => r.Type == "pull_request" && r.Id == $"acme/loyalty#{number}").Select(r => r.Json).SingleAsync();
            return JsonNode.Parse(json)!["firstCommitAt"]?.GetValue<string>();
        }

        // Push first (the usual order): two pushes, the earliest commit wins; a tag push is ignored.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("push", "p-1", Push("feature/points", "2024-07-02T10:00:00+02:00", "2024-07-02T12:00:00Z"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("push", "p-2", Push("feature/points", "2024-07-01T15:00:00Z"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("push", "p-3", """{"ref":"refs/tags/v1","repository":{"full_name":"acme/loyalty"},"commits":[]}""")).StatusCode);
        await SendAsync("pull_request", "pr-8", MergedFrom(8, "feature/points"));
        Assert.Equal(DateTimeOffset.Parse("2024-07-01T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse((await FirstCommitAsync(8))!, System.Globalization.CultureInfo.InvariantCulture));

        // Merged first, push delivered late: the pull request is updated.
        await SendAsync("pull_request", "pr-9", MergedFrom(9, "feature/late"));
        Assert.Null(await FirstCommitAsync(9));
        var late = await SendAsync("push", "p-4", Push("feature/late", "2024-07-02T08:00:00Z"));
        Assert.Equal(1, (await late.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>());
        Assert.Equal(DateTimeOffset.Parse("2024-07-02T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse((await FirstCommitAsync(9))!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<long> CountAsync(string sql, string value)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection) { Parameters = { new() { Value = value } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task<long> DeliveriesAsync(string delivery) => CountAsync("SELECT count(*) FROM webhook_deliveries WHERE \"DeliveryId\" = $1", delivery);

    private Task<long> EventsAsync(string id) => CountAsync("SELECT count(*) FROM dora_events WHERE \"Id\" = $1", id);

    [Fact]
    public async Task The_same_delivery_sent_concurrently_is_applied_once_and_every_copy_gets_a_2xx()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => SendAsync("pull_request", "delivery-twice", MergedFrom(21, "feature/race")))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var answers = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonObject>()));
        Assert.Single(answers, a => a!["duplicate"] is null && a["accepted"]!.GetValue<int>() == 1);
        Assert.All(answers.Where(a => a!["duplicate"] is not null), a => Assert.Equal(0, a!["accepted"]!.GetValue<int>()));
        Assert.Equal((1, 1), (await DeliveriesAsync("delivery-twice"), await EventsAsync("acme/loyalty#21")));
    }

    [Fact]
    public async Task A_delivery_and_its_events_are_kept_together_or_not_at_all()
    {
        // Failures injected at commit time, after both the event and the delivery id were written in the transaction.
        await using (var connection = new Npgsql.NpgsqlConnection(_host.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("""
                CREATE FUNCTION fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
                CREATE CONSTRAINT TRIGGER fail_event AFTER INSERT ON dora_events DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW WHEN (NEW."Id" = 'acme/loyalty#13') EXECUTE FUNCTION fail_at_commit();
                CREATE CONSTRAINT TRIGGER fail_delivery AFTER INSERT ON webhook_deliveries DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW WHEN (NEW."DeliveryId" = 'doomed-record') EXECUTE FUNCTION fail_at_commit();
                """, connection);
            await command.ExecuteNonQueryAsync();
        }

        var eventFails = await SendAsync("pull_request", "doomed-event", MergedFrom(13, "feature/a"));
        var recordFails = await SendAsync("pull_request", "doomed-record", MergedFrom(14, "feature/b"));

        Assert.Equal(HttpStatusCode.InternalServerError, eventFails.StatusCode);
        Assert.Equal((0, 0), (await DeliveriesAsync("doomed-event"), await EventsAsync("acme/loyalty#13"))); // not marked delivered
        Assert.Equal(HttpStatusCode.InternalServerError, recordFails.StatusCode);
        Assert.Equal((0, 0), (await DeliveriesAsync("doomed-record"), await EventsAsync("acme/loyalty#14"))); // nothing applied
        // GitHub redelivers the failed delivery once the fault is gone: it is applied, not taken for a duplicate.
        await using (var connection = new Npgsql.NpgsqlConnection(_host.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("DROP TRIGGER fail_event ON dora_events", connection);
            await command.ExecuteNonQueryAsync();
        }
        var redelivered = await SendAsync("pull_request", "doomed-event", MergedFrom(13, "feature/a"));
        Assert.Equal(1, (await redelivered.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>());
        Assert.Equal((1, 1), (await DeliveriesAsync("doomed-event"), await EventsAsync("acme/loyalty#13")));
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
