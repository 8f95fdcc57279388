using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Fawkes.Portal.IntegrationTests.Faults;

/// <summary>What a user or a job does on replica A holds on replica B: sessions, registrations, DORA facts, job rounds.</summary>
public sealed class TwoReplicaTests(TwoReplicaFixture replicas, ITestOutputHelper output) : IClassFixture<TwoReplicaFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_session_cookie_issued_by_A_is_accepted_by_B_because_the_key_ring_is_shared()
    {
        var cookies = new CookieContainer();
        using var onA = replicas.A.NewClient(cookies: cookies);
        using var anonymousOnB = replicas.B.NewClient();
        // Without a cookie B refuses: the 200s below are the session's doing.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymousOnB.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymousOnB.GetAsync("/catalog/register")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await HttpSignIn.SignInAsync(onA, "priya.raman", "Developer")).StatusCode);
        // The jar holds cookies per host, not per port: B (another port on localhost) gets A's cookie.
        using var onB = replicas.B.NewClient(cookies: cookies);
        var me = await onB.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var body = (await me.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("priya.raman", body["login"]!.GetValue<string>());
        Assert.Contains("Developer", body["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/catalog/register")).StatusCode); // a page for Developers
    }

    [Fact]
    public async Task A_location_registered_on_A_is_served_by_B_within_seconds()
    {
        using var onA = replicas.A.NewClient(bearer: PortalHost.BootstrapToken);
        using var onB = replicas.B.NewClient(bearer: PortalHost.BootstrapToken);
        var file = WriteComponent("registered-on-a");
        Assert.Equal(HttpStatusCode.NotFound, (await onB.GetAsync("/api/catalog/entities/by-name/component/default/registered-on-a")).StatusCode);

        var clock = Stopwatch.StartNew();
        var register = await onA.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = file });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        await Poll.UntilAsync(async () => (await onB.GetAsync("/api/catalog/entities/by-name/component/default/registered-on-a")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(10), "B to serve the component registered on A");

        output.WriteLine($"served by B {clock.ElapsedMilliseconds} ms after A was asked to register it");
        var entity = (await onB.GetFromJsonAsync<JsonObject>("/api/catalog/entities/by-name/component/default/registered-on-a"))!;
        Assert.Equal($"file:{file}", entity["metadata"]!["annotations"]!["backstage.io/managed-by-location"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_dora_event_posted_to_A_shows_in_Bs_metrics_within_two_seconds()
    {
        using var onA = replicas.A.NewClient(bearer: PortalHost.BootstrapToken);
        using var onB = replicas.B.NewClient(bearer: PortalHost.BootstrapToken);
        async Task<int> DeploymentsOnBAsync() =>
            (await onB.GetFromJsonAsync<JsonObject>("/api/dora/summary?service=svc-two-replicas&from=2025-02-01&to=2025-02-28"))!["deployments"]!.GetValue<int>();
        Assert.Equal(0, await DeploymentsOnBAsync()); // B has now built (and cached) the service's facts

        using var deployment = new StringContent("""
            {"type":"deployment","id":"two-replicas-1","service":"svc-two-replicas","environment":"production","result":"success",
             "startedAt":"2025-02-03T10:00:00Z","finishedAt":"2025-02-03T10:05:00Z","revision":"r-1","commits":[]}
            """, Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Accepted, (await onA.PostAsync("/api/dora/events", deployment)).StatusCode);
        var clock = Stopwatch.StartNew();

        await Poll.UntilAsync(async () => await DeploymentsOnBAsync() == 1, TimeSpan.FromSeconds(2), "B's DORA summary to count the deployment posted to A", everyMs: 50);
        output.WriteLine($"B counted it {clock.ElapsedMilliseconds} ms after A acknowledged it");
        var rows = (await onB.GetFromJsonAsync<JsonObject>("/api/dora/metrics?service=svc-two-replicas&from=2025-02-01&to=2025-02-28&bucket=month"))!["rows"]!.AsArray();
        Assert.Equal(1, rows.Single()!["deployments"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_poller_round_runs_on_one_replica_at_a_time_and_both_replicas_take_turns()
    {
        using var onA = replicas.A.NewClient(bearer: PortalHost.BootstrapToken);
        using var onB = replicas.B.NewClient(bearer: PortalHost.BootstrapToken);
        var file = WriteComponent("slow-builder", $"annotations: {{ jenkins.io/job-full-name: {TwoReplicaFixture.SlowJob} }}");
        Assert.Equal(HttpStatusCode.Created, (await onA.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = file })).StatusCode);
        async Task<int> RoundsAsync(HttpClient api) =>
            (await api.GetFromJsonAsync<JsonObject>("/api/dora/pollers"))!["items"]!.AsArray().OfType<JsonObject>()
                .FirstOrDefault(p => p["name"]!.GetValue<string>() == "jenkins")?["rounds"]!.GetValue<int>() ?? 0;

        // Each round holds the lock while the slow Jenkins answers (1.5 s); both replicas try every second, so without
        // the lock their rounds would overlap within a few seconds. Rounds before the slow job was in the catalog do
        // not count: from its second request on, two more rounds on a replica include at least one complete round
        // that asked for it.
        await Poll.UntilAsync(() => replicas.Jenkins.JobRequests >= 2, Patience, "the pollers to ask for the slow job", everyMs: 100);
        var (fromA, fromB) = (await RoundsAsync(onA), await RoundsAsync(onB));
        await Poll.UntilAsync(async () => await RoundsAsync(onA) >= fromA + 2 && await RoundsAsync(onB) >= fromB + 2,
            Patience, "two more rounds on each replica", everyMs: 250);

        var (roundsA, roundsB) = (await RoundsAsync(onA) - fromA, await RoundsAsync(onB) - fromB);
        output.WriteLine($"slow job requests {replicas.Jenkins.JobRequests}, rounds since on A {roundsA} and on B {roundsB}, most at once {replicas.Jenkins.MaxConcurrentJobRequests}");
        Assert.Equal(1, replicas.Jenkins.MaxConcurrentJobRequests);
        // The rounds did their work: the build is stored (once: re-polling the same build replaces nothing).
        await using var db = new NpgsqlConnection(replicas.A.ConnectionString);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("""SELECT count(*) FROM dora_events WHERE "Type" = 'build' AND "Id" = @id""", db);
        count.Parameters.AddWithValue("id", $"jenkins-{TwoReplicaFixture.SlowJob}-1");
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    private string WriteComponent(string name, string metadata = "")
    {
        var path = Path.Combine(replicas.FileRoot, $"{name}.yaml");
        File.WriteAllText(path, $"""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: {name}
              {metadata}
            spec: {"{"} type: service, lifecycle: production, owner: team-replicas {"}"}
            """);
        return path;
    }
}
