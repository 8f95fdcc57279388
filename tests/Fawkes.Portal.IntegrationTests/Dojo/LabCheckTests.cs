using System.Net;
using System.Net.Http.Json;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Labs;
using Fawkes.Portal.Features.Dojo.Labs.Checks;
using Fawkes.Portal.Features.Templates.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.IntegrationTests.Dojo;

/// <summary>Every lab check type, PASS and FAIL, against demo mode's simulators, DORA history and the real task store.</summary>
public sealed class LabCheckTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private const string Healthy = "payments-api";
    private const string Failing = "fraud-check";

    [Fact]
    public void Every_check_type_of_the_content_rules_has_code()
    {
        var runner = fixture.Host.Services.GetRequiredService<LabRunner>();

        Assert.Equal(LabCheckTypes.All.Keys.Order(StringComparer.Ordinal), runner.Types.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Entity_passes_with_owner_and_annotations_and_names_the_missing_ones()
    {
        var pass = await fixture.CheckAsync("entity", Healthy, new() { ["annotations"] = new[] { "argocd/app-name", "backstage.io/kubernetes-id" } });
        var fail = await fixture.CheckAsync("entity", Healthy, new() { ["annotations"] = new[] { "argocd/app-name", "example.com/runbook" } });

        Assert.Equal(LabStatus.Pass, pass.Status);
        Assert.Contains("group:default/payments-team", pass.Message, StringComparison.Ordinal);
        Assert.Equal(LabStatus.Fail, fail.Status);
        Assert.Contains("lacks the annotation example.com/runbook", fail.Message, StringComparison.Ordinal);
        Assert.Equal("/catalog/default/component/payments-api", fail.Link);
    }

    [Fact]
    public async Task Kubernetes_passes_when_ready_without_problems_and_fails_on_a_crash_loop()
    {
        var pass = await fixture.CheckAsync("kubernetes", Healthy);
        var fail = await fixture.CheckAsync("kubernetes", Failing);

        Assert.True(pass.Passed, pass.Message);
        Assert.Equal(LabStatus.Fail, fail.Status);
        Assert.Equal("/catalog/default/component/fraud-check?tab=kubernetes", fail.Link);
        Assert.Matches("replicas ready|open problem", fail.Message);
    }

    [Fact]
    public async Task ArgoCd_passes_synced_and_healthy_and_fails_degraded_with_the_argocd_tab()
    {
        var pass = await fixture.CheckAsync("argocd", Healthy);
        var fail = await fixture.CheckAsync("argocd", Failing);

        Assert.True(pass.Passed, pass.Message);
        Assert.Equal(LabStatus.Fail, fail.Status);
        Assert.Contains("Degraded", fail.Message, StringComparison.Ordinal);
        Assert.Contains("Sync", fail.Message, StringComparison.Ordinal);
        Assert.Equal("/catalog/default/component/fraud-check?tab=argocd", fail.Link);
    }

    [Fact]
    public async Task ArgoCd_fails_then_passes_after_the_owner_syncs_through_the_portal()
    {
        // cart-service is OutOfSync in demo mode; lucas.moreau's checkout-team owns it.
        var before = await fixture.CheckAsync("argocd", "cart-service", login: "lucas.moreau");
        using var owner = await fixture.SignedInAsync("lucas.moreau", "Developer");
        using var sync = await owner.PostAsJsonAsync("/api/live/component/default/cart-service/argocd/sync", new { });
        var after = before;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!after.Passed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            after = await fixture.CheckAsync("argocd", "cart-service", login: "lucas.moreau");
        }

        Assert.Equal(LabStatus.Fail, before.Status);
        Assert.Contains("OutOfSync", before.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, sync.StatusCode);
        Assert.True(after.Passed, after.Message);
    }

    [Fact]
    public async Task Jenkins_passes_a_green_build_and_fails_a_red_one()
    {
        var pass = await fixture.CheckAsync("jenkins", Healthy);
        var fail = await fixture.CheckAsync("jenkins", Failing);

        Assert.True(pass.Passed, pass.Message);
        Assert.Contains("SUCCESS", pass.Message, StringComparison.Ordinal);
        Assert.Equal(LabStatus.Fail, fail.Status);
        Assert.Contains("FAILURE", fail.Message, StringComparison.Ordinal);
        Assert.Equal("/catalog/default/component/fraud-check?tab=jenkins", fail.Link);
    }

    [Fact]
    public async Task SonarQube_passes_an_OK_gate_and_fails_a_failing_one_naming_the_conditions()
    {
        var pass = await fixture.CheckAsync("sonarqube", Healthy);
        var fail = await fixture.CheckAsync("sonarqube", Failing);

        Assert.True(pass.Passed, pass.Message);
        Assert.Equal(LabStatus.Fail, fail.Status);
        Assert.Contains("ERROR", fail.Message, StringComparison.Ordinal);
        Assert.Equal("/catalog/default/component/fraud-check?tab=sonarqube", fail.Link);
    }

    [Fact]
    public async Task Dora_events_pass_with_enough_recent_deployments_and_fail_below_the_minimum_or_over_the_lead_time()
    {
        var pass = await fixture.CheckAsync("dora-events", Healthy, new() { ["days"] = 30, ["minDeployments"] = 1, ["maxLeadTimeHours"] = 10000.0 });
        var tooFew = await fixture.CheckAsync("dora-events", Healthy, new() { ["days"] = 30, ["minDeployments"] = 1000 });
        var tooSlow = await fixture.CheckAsync("dora-events", Healthy, new() { ["maxLeadTimeHours"] = 0.01 });

        Assert.True(pass.Passed, pass.Message);
        Assert.Equal((LabStatus.Fail, LabStatus.Fail), (tooFew.Status, tooSlow.Status));
        Assert.Contains("the lab needs 1000", tooFew.Message, StringComparison.Ordinal);
        Assert.Contains("median lead time", tooSlow.Message, StringComparison.Ordinal);
        Assert.Equal("/catalog/default/component/payments-api?tab=dora", tooFew.Link);
    }

    [Fact]
    public async Task Template_run_passes_only_for_the_learners_own_completed_run_of_that_template()
    {
        const string Learner = "noah.fischer";
        var before = await fixture.CheckAsync("template-run", Healthy, login: Learner);
        await AddRunAsync("user:default/" + Learner, ScaffolderTaskStatus.Failed);
        await AddRunAsync("user:default/someone-else", ScaffolderTaskStatus.Completed);
        var onlyFailedOrOthers = await fixture.CheckAsync("template-run", Healthy, login: Learner);
        var id = await AddRunAsync("user:default/" + Learner, ScaffolderTaskStatus.Completed);

        var any = await fixture.CheckAsync("template-run", Healthy, login: Learner);
        var same = await fixture.CheckAsync("template-run", Healthy, new() { ["template"] = "python-fastapi-service" }, Learner);
        var other = await fixture.CheckAsync("template-run", Healthy, new() { ["template"] = "node-express-service" }, Learner);

        Assert.Equal((LabStatus.Fail, LabStatus.Fail), (before.Status, onlyFailedOrOthers.Status));
        Assert.Equal("/create", before.Link);
        Assert.Equal((LabStatus.Pass, LabStatus.Pass), (any.Status, same.Status));
        Assert.Equal($"/create/tasks/{id}", same.Link);
        Assert.Equal(LabStatus.Fail, other.Status);
        Assert.Equal("/create/templates/default/node-express-service", other.Link);
    }

    [Fact]
    public async Task Http_passes_the_expected_status_with_the_service_name_put_in_and_fails_otherwise()
    {
        fixture.Web.Put("payments-api/healthz", "ok");
        var url = fixture.Web.BaseAddress + "{service}/healthz";

        var pass = await fixture.CheckAsync("http", Healthy, new() { ["url"] = url });
        var wrongStatus = await fixture.CheckAsync("http", Failing, new() { ["url"] = url });
        var notHttp = await fixture.CheckAsync("http", Healthy, new() { ["url"] = "file:///etc/passwd" });

        Assert.True(pass.Passed, pass.Message);
        Assert.Equal(1, fixture.Web.Hits("payments-api/healthz"));
        Assert.Equal(LabStatus.Fail, wrongStatus.Status);
        Assert.Contains("answered 404", wrongStatus.Message, StringComparison.Ordinal);
        Assert.Equal(LabStatus.Fail, notHttp.Status);
        Assert.Contains("not an http:// or https:// address", notHttp.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_refuses_a_private_address_unless_allowed_and_sends_nothing()
    {
        fixture.Web.Put("private/healthz", "ok");
        var guarded = new HttpCheck(fixture.Host.Services.GetRequiredService<IHttpClientFactory>(), Options.Create(new LabOptions()));

        var refused = await fixture.CheckAsync("http", Healthy, new() { ["url"] = fixture.Web.BaseAddress + "private/healthz" }, check: guarded);

        Assert.Equal(LabStatus.Fail, refused.Status);
        Assert.Contains("non-public address (loopback", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Web.Hits("private/healthz"));
    }

    private async Task<Guid> AddRunAsync(string initiator, string status)
    {
        var factory = fixture.Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var task = new ScaffolderTask
        {
            Id = Guid.NewGuid(), Status = status, Initiator = initiator, CreatedBy = initiator, CreatedAt = DateTimeOffset.UtcNow,
            SpecJson = """{"apiVersion":"scaffolder.backstage.io/v1beta3","steps":[],"templateInfo":{"entityRef":"template:default/python-fastapi-service"}}""",
        };
        db.Add(task);
        await db.SaveChangesAsync();
        return task.Id;
    }
}
