using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.IntegrationTests.Catalog;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Dora;

/// <summary>ArgoCD Notifications (the documented template) and Alertmanager webhooks.</summary>
public sealed class OpsReceiverTests : IAsyncLifetime
{
    private PortalHost _host = default!;
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        _host = await PortalHost.StartPostgresAsync();
        _api = _host.NewClient(bearer: PortalHost.BootstrapToken);
        await CatalogFixture.WaitForAsync(_api, 60); // the demo catalog maps argocd/app-name annotations
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _host.DisposeAsync();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<JsonObject> SummaryAsync(string service) =>
        (await _api.GetFromJsonAsync<JsonObject>($"/api/dora/summary?service={service}&from=2025-01-01&to=2025-01-31"))!;

    [Fact]
    public async Task ArgoCd_syncs_become_deployments_of_the_mapped_component_and_running_syncs_are_skipped()
    {
        static string Sync(string phase, string started) => $$"""
            {"app":"payments-api","revision":"9f1c2e","phase":"{{phase}}","startedAt":"{{started}}","finishedAt":"2025-01-08T10:03:00Z","environment":""}
            """;

        var running = await _api.PostAsync("/api/dora/argocd", Json(Sync("Running", "2025-01-08T10:00:00Z")));
        var done = await _api.PostAsync("/api/dora/argocd", Json(Sync("Succeeded", "2025-01-08T10:00:00Z")));
        var redelivered = await _api.PostAsync("/api/dora/argocd", Json(Sync("Succeeded", "2025-01-08T10:00:00Z")));

        Assert.Equal(0, (await running.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>());
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (done.StatusCode, redelivered.StatusCode));
        Assert.Equal(1, (await SummaryAsync("payments-api"))["deployments"]!.GetValue<int>());
    }

    [Fact]
    public async Task Alertmanager_firing_creates_and_resolved_closes_an_incident()
    {
        static string Alert(string status, string endsAt) => $$"""
            {"version":"4","status":"{{status}}","receiver":"fawkes-portal","alerts":[
              {"status":"{{status}}","labels":{"alertname":"HighErrorRate","service":"cart-service","severity":"critical"},
               "startsAt":"2025-01-09T12:00:00Z","endsAt":"{{endsAt}}","fingerprint":"c0ffee12","generatorURL":"https://prometheus.example/graph"}]}
            """;

        Assert.Equal(HttpStatusCode.OK, (await _api.PostAsync("/api/dora/alertmanager", Json(Alert("firing", "0001-01-01T00:00:00Z")))).StatusCode);
        var open = (await _api.GetFromJsonAsync<JsonObject>("/api/dora/incidents?service=cart-service&from=2025-01-01&to=2025-01-31"))!["items"]!.AsArray();
        Assert.Null(open.Single()!["resolvedAt"]);

        Assert.Equal(HttpStatusCode.OK, (await _api.PostAsync("/api/dora/alertmanager", Json(Alert("resolved", "2025-01-09T12:45:00Z")))).StatusCode);
        Assert.Equal(45, (await SummaryAsync("cart-service"))["timeToRestore"]!["median"]!.GetValue<long>());
    }

    [Fact]
    public async Task Jenkins_notification_plugin_builds_are_stored_once_finished()
    {
        static string Build(string phase) => $$$"""
            {"name":"payments/payments-api/main","url":"job/payments/job/payments-api/job/main/",
             "build":{"number":42,"phase":"{{{phase}}}","status":"SUCCESS","timestamp":1736416800000,"duration":120000,
                      "scm":{"url":"https://github.com/fawkes/payments-api.git","branch":"origin/main","commit":"abc123"} } }
            """;

        var started = await _api.PostAsync("/api/dora/jenkins", Json(Build("STARTED")));
        var completed = await _api.PostAsync("/api/dora/jenkins", Json(Build("COMPLETED")));

        Assert.Equal(0, (await started.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>());
        Assert.Equal(1, (await completed.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.PostAsync("/api/dora/jenkins", Json("""{"name":"x"}"""))).StatusCode);
    }
}
