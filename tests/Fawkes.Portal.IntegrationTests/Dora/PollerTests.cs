using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dora.Events;
using Fawkes.Portal.IntegrationTests.Catalog;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Dora;

/// <summary>
/// The ArgoCD and Jenkins pollers against wire-format fakes on real ports, polling every second, on real PostgreSQL.
/// Each test starts its own portal (fresh database) so rounds and counts of one test cannot leak into another.
/// </summary>
public sealed class PollerTests : IAsyncLifetime
{
    private const string Window = "from=2025-01-01&to=2025-01-31";
    private readonly string _catalog = CatalogFolder();
    private FakeArgoCd _argo = default!;
    private FakeJenkins _jenkins = default!;
    private PortalHost? _host;
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        _argo = await FakeArgoCd.StartAsync();
        _jenkins = await FakeJenkins.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _api?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        await _argo.DisposeAsync();
        await _jenkins.DisposeAsync();
    }

    [Fact]
    public async Task ArgoCd_history_entries_become_deployments_of_the_mapped_component()
    {
        _argo.App("payments-api").Add(new(0, "9f1c2e", "2025-01-08T10:00:00Z", "2025-01-08T10:03:00Z"))
            .Add(new(1, "a7b3d4", null, "2025-01-09T11:00:00Z"));
        _argo.App("cart-prod").Add(new(4, "c0ffee", "2025-01-10T09:00:00Z", "2025-01-10T09:02:00Z", MultiSource: true)).Labels["environment"] = "staging";
        await StartPortalAsync();

        var payments = await WaitForDeploymentsAsync("payments-api", 2);
        await WaitForAsync(async () => (await EventsAsync("deployment")).Count == 3, "the staging deployment of cart-service");

        Assert.Equal(["argocd-payments-api-2025-01-08T10:00:00Z", "argocd-payments-api-2025-01-09T11:00:00Z"], payments.Select(d => d["id"]!.GetValue<string>()).Order());
        Assert.All(payments, d => Assert.Equal(("production", "success"), (d["environment"]!.GetValue<string>(), d["result"]!.GetValue<string>())));
        Assert.Contains(payments, d => d["startedAt"]!.GetValue<DateTimeOffset>() == d["finishedAt"]!.GetValue<DateTimeOffset>()); // no deployStartedAt: deployedAt
        var cart = await EventAsync("deployment", "argocd-cart-prod-2025-01-10T09:00:00Z");
        var json = JsonNode.Parse(cart.Json)!.AsObject();
        Assert.Equal(("cart-service", "argocd-poller", "staging"), (cart.Service, cart.Source, json["environment"]!.GetValue<string>()));
        Assert.Equal("c0ffee", json["revision"]!.GetValue<string>()); // the first of a multi-source app's revisions
        Assert.Null(json["commits"]); // resolved later from the revision, like every deployment sent without commits
    }

    [Fact]
    public async Task ArgoCd_sync_already_delivered_by_notifications_is_not_duplicated_and_keeps_the_receivers_data()
    {
        await StartPortalAsync();
        var delivered = await _api.PostAsync("/api/dora/argocd", Json("""
            {"app":"payments-api","revision":"9f1c2e","phase":"Succeeded","startedAt":"2025-01-08T12:00:00+02:00","finishedAt":"2025-01-08T10:03:00Z","environment":""}
            """));
        delivered.EnsureSuccessStatusCode();
        var rounds = (await WaitForPollerAsync("argocd"))["rounds"]!.GetValue<int>();
        // The same sync as ArgoCD's history writes it: 10:00 UTC, whole seconds, Z (and a deployedAt a little later).
        _argo.App("payments-api").Add(new(0, "9f1c2e", "2025-01-08T10:00:00Z", "2025-01-08T10:03:05Z"));

        await WaitForAsync(async () => (await PollerAsync("argocd"))!["rounds"]!.GetValue<int>() >= rounds + 2, "two rounds that saw the history");

        var deployment = Assert.Single(await DeploymentsAsync("payments-api"));
        Assert.Equal("argocd-payments-api-2025-01-08T10:00:00Z", deployment["id"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse("2025-01-08T10:03:00Z", System.Globalization.CultureInfo.InvariantCulture), deployment["finishedAt"]!.GetValue<DateTimeOffset>());
        var stored = await EventAsync("deployment", "argocd-payments-api-2025-01-08T10:00:00Z");
        Assert.Equal("argocd", stored.Source); // the receiver's event, not replaced by the poller's copy
        Assert.Equal(0, (await PollerAsync("argocd"))!["eventsAdded"]!.GetValue<int>());
    }

    [Fact]
    public async Task ArgoCd_repeated_rounds_add_nothing_and_a_later_sync_is_picked_up()
    {
        _argo.App("payments-api").Add(new(0, "9f1c2e", "2025-01-08T10:00:00Z", "2025-01-08T10:03:00Z"));
        await StartPortalAsync();
        await WaitForDeploymentsAsync("payments-api", 1);
        var rounds = (await PollerAsync("argocd"))!["rounds"]!.GetValue<int>();

        await WaitForAsync(async () => (await PollerAsync("argocd"))!["rounds"]!.GetValue<int>() >= rounds + 2, "two more rounds");

        Assert.Single(await DeploymentsAsync("payments-api"));
        Assert.Equal(0, (await PollerAsync("argocd"))!["eventsAdded"]!.GetValue<int>());
        _argo.App("payments-api").Add(new(1, "a7b3d4", "2025-01-09T10:00:00Z", "2025-01-09T10:01:00Z"));
        await WaitForDeploymentsAsync("payments-api", 2);
    }

    [Fact]
    public async Task ArgoCd_failing_slow_and_garbled_apps_are_reported_and_the_others_still_polled()
    {
        _argo.App("broken-app").Behavior = FakeBehavior.ServerError;
        _argo.App("slow-app").Behavior = FakeBehavior.Hang;
        _argo.App("garbled-app").Behavior = FakeBehavior.MalformedJson;
        _argo.App("payments-api").Add(new(0, "9f1c2e", "2025-01-08T10:00:00Z", "2025-01-08T10:03:00Z"));
        await StartPortalAsync();

        await WaitForDeploymentsAsync("payments-api", 1);
        var status = await WaitForPollerErrorAsync("argocd", "slow-app");

        Assert.False(status["ok"]!.GetValue<bool>());
        var error = status["error"]!.GetValue<string>();
        Assert.Contains("broken-app: GET /api/v1/applications/broken-app answered 500", error, StringComparison.Ordinal);
        Assert.Contains("slow-app: no answer within 1 s (timeout)", error, StringComparison.Ordinal);
        Assert.Contains("garbled-app: GET /api/v1/applications/garbled-app answered malformed JSON", error, StringComparison.Ordinal);
        Assert.Contains("no-such-app: GET /api/v1/applications/no-such-app answered 404", error, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeArgoCd.Token, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jenkins_finished_builds_become_build_events_with_the_receivers_ids_and_fields()
    {
        _jenkins.Job("payments/payments-api/main")
            .Add(new(41, "SUCCESS", 1736416800000, 120000, "abc123", "origin/main"))
            .Add(new(42, "FAILURE", 1736420400000, 60000))
            .Add(new(43, null, 1736424000000, 0));
        _jenkins.Job("legacy/build").Add(new(7, "UNSTABLE", 1736416800000, 1000));
        await StartPortalAsync();

        await WaitForAsync(async () => (await EventsAsync("build")).Count == 3, "three finished builds");
        var polled = await EventAsync("build", "jenkins-payments/payments-api/main-41");
        var receiver = await _api.PostAsync("/api/dora/jenkins", Json("""
            {"name":"payments/payments-api/main","build":{"number":41,"phase":"COMPLETED","status":"SUCCESS","timestamp":1736416800000,"duration":120000,
             "scm":{"url":"https://github.com/fawkes/payments-api.git","branch":"origin/main","commit":"abc123"}}}
            """));
        receiver.EnsureSuccessStatusCode();

        var builds = await EventsAsync("build");
        Assert.Equal(["jenkins-legacy/build-7", "jenkins-payments/payments-api/main-41", "jenkins-payments/payments-api/main-42"], builds.Select(b => b.Id).Order());
        Assert.Equal(("legacy-svc", "unstable"), (builds[0].Service, JsonNode.Parse(builds[0].Json)!["result"]!.GetValue<string>()));
        Assert.Equal("jenkins-poller", polled.Source);
        var fields = JsonNode.Parse(polled.Json)!;
        Assert.Equal(("payments-api", "success", "abc123", "origin/main"), (polled.Service, fields["result"]!.GetValue<string>(),
            fields["commitSha"]!.GetValue<string>(), fields["branch"]!.GetValue<string>()));
        Assert.Equal(("2025-01-09T10:00:00Z", "2025-01-09T10:02:00Z"), (Utc(fields["startedAt"]), Utc(fields["finishedAt"])));
        var afterReceiver = await EventAsync("build", "jenkins-payments/payments-api/main-41");
        Assert.Equal("jenkins", afterReceiver.Source); // the receiver replaced the polled event: same id, and the same fields
        Assert.True(JsonNode.DeepEquals(fields, JsonNode.Parse(afterReceiver.Json)), $"{polled.Json} <> {afterReceiver.Json}");
    }

    private static string Utc(JsonNode? time) => time!.GetValue<DateTimeOffset>().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Wrong_credentials_are_reported_and_nothing_is_stored()
    {
        _argo.App("payments-api").Add(new(0, "9f1c2e", "2025-01-08T10:00:00Z", "2025-01-08T10:03:00Z"));
        _jenkins.Job("payments/payments-api/main").Add(new(41, "SUCCESS", 1736416800000, 120000));
        await StartPortalAsync(argoToken: "argocd-stolen-looking-token", jenkinsToken: "jenkins-wrong-api-token");

        var argo = await WaitForPollerErrorAsync("argocd", "payments-api");
        var jenkins = await WaitForPollerErrorAsync("jenkins", "payments/payments-api/main");

        Assert.Contains("answered 401", argo["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("answered 401", jenkins["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("stolen", argo["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-api-token", jenkins["error"]!.GetValue<string>(), StringComparison.Ordinal);
        await using var db = await Db.CreateDbContextAsync();
        Assert.Equal(0, await db.Set<DoraEventRecord>().CountAsync());
    }

    private IDbContextFactory<PortalDbContext> Db => _host!.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    private async Task StartPortalAsync(string argoToken = FakeArgoCd.Token, string jenkinsToken = FakeJenkins.ApiToken)
    {
        var settings = CatalogFixture.Settings(_catalog);
        settings["Dora:ArgoCd:BaseUrl"] = _argo.BaseUrl.ToString();
        settings["Dora:ArgoCd:Token"] = argoToken;
        settings["Dora:ArgoCd:PollSeconds"] = "1";
        settings["Dora:ArgoCd:TimeoutSeconds"] = "1";
        settings["Dora:Jenkins:BaseUrl"] = _jenkins.BaseUrl.ToString();
        settings["Dora:Jenkins:User"] = FakeJenkins.User;
        settings["Dora:Jenkins:ApiToken"] = jenkinsToken;
        settings["Dora:Jenkins:PollSeconds"] = "1";
        _host = await PortalHost.StartPostgresAsync(settings);
        _api = _host.NewClient(bearer: PortalHost.BootstrapToken);
        await CatalogFixture.WaitForAsync(_api, CatalogEntities);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<List<JsonObject>> DeploymentsAsync(string service) =>
        [.. (await _api.GetFromJsonAsync<JsonObject>($"/api/dora/deployments?service={service}&{Window}"))!["items"]!.AsArray().OfType<JsonObject>()];

    private async Task<JsonObject?> PollerAsync(string name) =>
        (await _api.GetFromJsonAsync<JsonObject>("/api/dora/pollers"))!["items"]!.AsArray().OfType<JsonObject>()
            .FirstOrDefault(p => p["name"]!.GetValue<string>() == name);

    private async Task<List<JsonObject>> WaitForDeploymentsAsync(string service, int count)
    {
        List<JsonObject> found = [];
        await WaitForAsync(async () => (found = await DeploymentsAsync(service)).Count >= count, $"{count} deployments of {service}");
        return found;
    }

    private async Task<JsonObject> WaitForPollerAsync(string poller)
    {
        JsonObject? status = null;
        await WaitForAsync(async () => (status = await PollerAsync(poller)) is not null, $"a first {poller} round");
        return status!;
    }

    private async Task<JsonObject> WaitForPollerErrorAsync(string poller, string mentioning)
    {
        JsonObject? status = null;
        await WaitForAsync(async () => (status = await PollerAsync(poller))?["error"]?.GetValue<string>().Contains(mentioning, StringComparison.Ordinal) == true,
            $"the {poller} poller to report {mentioning}");
        return status!;
    }

    private async Task<DoraEventRecord> EventAsync(string type, string id)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.Set<DoraEventRecord>().AsNoTracking().SingleAsync(e => e.Type == type && e.Id == id);
    }

    private async Task<List<DoraEventRecord>> EventsAsync(string type)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.Set<DoraEventRecord>().AsNoTracking().Where(e => e.Type == type).OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>Polls a condition until a deadline; the pollers run every second, so 30 s is generous.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 30 s for {what}.");
            }
            await Task.Delay(200);
        }
    }

    private const int CatalogEntities = 8;

    /// <summary>A group and seven components: mapped apps and jobs, ones that fail in various ways, one unknown to ArgoCD.</summary>
    private static string CatalogFolder()
    {
        var dir = Directory.CreateTempSubdirectory("fawkes-pollers-").FullName;
        static string Component(string name, string annotations) => $"""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: {name}
              annotations: {annotations}
            spec: {"{"} type: service, lifecycle: production, owner: team-a {"}"}
            ---

            """;
        File.WriteAllText(Path.Combine(dir, "catalog-info.yaml"), "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: team-a }\nspec: { type: team, children: [] }\n---\n"
            + Component("payments-api", "{ argocd/app-name: payments-api, jenkins.io/job-full-name: payments/payments-api/main }")
            + Component("cart-service", "{ argocd/app-name: cart-prod }")
            + Component("broken-svc", "{ argocd/app-name: broken-app }")
            + Component("slow-svc", "{ argocd/app-name: slow-app }")
            + Component("garbled-svc", "{ argocd/app-name: garbled-app }")
            + Component("orphan-svc", "{ argocd/app-name: no-such-app }")
            + Component("legacy-svc", "{ 'jenkins.io/job-full-name': 'ci:legacy/build' }"));
        return dir;
    }
}
