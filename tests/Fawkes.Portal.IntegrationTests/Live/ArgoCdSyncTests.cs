using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Operations.Audit;
using Fawkes.Portal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Live;

/// <summary>Sync through the API: the entity's owner starts it (the simulator records it, the audit log too); a Learner is refused.</summary>
public sealed class ArgoCdSyncTests(ArgoCdFixture fixture) : IClassFixture<ArgoCdFixture>
{
    private async Task<HttpClient> SignedInAsync(string login, string role)
    {
        var client = fixture.Host.NewClient(cookies: new CookieContainer());
        (await HttpSignIn.SignInAsync(client, login, role)).Dispose();
        return client;
    }

    [Fact]
    public async Task An_owner_syncs_the_entitys_app_and_it_is_audited()
    {
        using var owner = await SignedInAsync(ArgoCdFixture.Owner, "Developer");

        using var response = await owner.PostAsJsonAsync("/api/live/component/default/a-outofsync/argocd/sync", new { });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var outcome = (await response.Content.ReadFromJsonAsync<JsonObject>())!["outcomes"]![0]!;
        Assert.Equal(("alpha", "a-outofsync", "started"),
            (outcome["instance"]!.GetValue<string>(), outcome["application"]!.GetValue<string>(), outcome["status"]!.GetValue<string>()));
        Assert.Contains("a-outofsync", fixture.Alpha.Syncs);
        var audit = await fixture.Host.Services.GetRequiredService<AuditLog>().QueryAsync("live.argocd.sync", 0, 10);
        Assert.Contains(audit.Items, e => e.Actor == ArgoCdFixture.Owner && e.Target == "entity:component:default/a-outofsync");
    }

    [Fact]
    public async Task A_learner_gets_403_and_nothing_is_synced()
    {
        using var learner = await SignedInAsync("mei.chen", "Learner");

        using var response = await learner.PostAsJsonAsync("/api/live/component/default/a-failed/argocd/sync", new { });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("a-failed", fixture.Alpha.Syncs);
    }

    [Fact]
    public async Task A_developer_who_does_not_own_the_entity_gets_403()
    {
        using var stranger = await SignedInAsync("jonas.weber", "Developer");

        using var response = await stranger.PostAsJsonAsync("/api/live/component/default/a-degraded/argocd/sync", new { });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("owners", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("a-degraded", fixture.Alpha.Syncs);
    }

    [Fact]
    public async Task Syncing_an_app_that_is_not_the_entitys_is_404()
    {
        using var owner = await SignedInAsync(ArgoCdFixture.Owner, "Developer");

        using var response = await owner.PostAsJsonAsync("/api/live/component/default/a-healthy/argocd/sync", new { application = "a-failed" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("a-failed", fixture.Alpha.Syncs);
    }

    [Fact]
    public async Task A_sync_while_one_is_running_is_409_with_ArgoCDs_reason_and_audited()
    {
        using var owner = await SignedInAsync(ArgoCdFixture.Owner, "Developer");
        const string Url = "/api/live/component/default/a-selector/argocd/sync";

        using var first = await owner.PostAsJsonAsync(Url, new { application = "orders-api", instance = "alpha" });
        using var second = await owner.PostAsJsonAsync(Url, new { application = "orders-api", instance = "alpha" });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("another operation is already in progress", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(fixture.Alpha.Syncs, s => s == "orders-api");
        var audit = await fixture.Host.Services.GetRequiredService<AuditLog>().QueryAsync("a-selector", 0, 10);
        Assert.Contains(audit.Items, e => e.Detail!.Contains("orders-api on alpha: refused", StringComparison.Ordinal));
    }
}
