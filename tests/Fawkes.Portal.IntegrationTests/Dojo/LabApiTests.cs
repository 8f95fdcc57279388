using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dojo.Progress;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Dojo;

/// <summary><c>POST /api/dojo/modules/{id}/lab</c>: who may check which service, what is stored, and the errors.</summary>
public sealed class LabApiTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private const string Lab = $"/api/dojo/modules/{DojoTestContent.FirstModule}/lab";

    private async Task<List<DojoLabResult>> StoredAsync(string? login = null)
    {
        var factory = fixture.Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Set<DojoLabResult>().AsNoTracking().Where(r => login == null || r.Login == login).ToListAsync();
    }

    [Fact]
    public async Task A_learner_checks_their_teams_component_and_the_run_is_stored_with_its_evidence_and_counted()
    {
        // mei.chen is in identity-team, which owns identity-service.
        using var learner = await fixture.SignedInAsync("mei.chen", "Learner");

        using var response = await learner.PostAsJsonAsync(Lab, new { service = "component:default/identity-service" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var checks = run["checks"]!.AsArray();
        Assert.Equal(["entity", "dora-events"], checks.Select(c => c!["type"]!.GetValue<string>()));
        Assert.All(checks, c => Assert.Equal("PASS", c!["status"]!.GetValue<string>()));
        Assert.All(checks, c => Assert.False(string.IsNullOrWhiteSpace(c!["message"]!.GetValue<string>())));
        Assert.True(run["passed"]!.GetValue<bool>());
        var stored = Assert.Single(await StoredAsync("mei.chen"));
        Assert.Equal((DojoTestContent.FirstModule, "component:default/identity-service", true), (stored.ModuleId, stored.ServiceRef, stored.Passed));
        Assert.Contains("\"dora-events\"", stored.EvidenceJson, StringComparison.Ordinal);
        var module = (await learner.GetFromJsonAsync<JsonObject>("/api/dojo/progress/me"))!["modules"]![DojoTestContent.FirstModule]!;
        Assert.Equal((true, true, 1), (module["hasLab"]!.GetValue<bool>(), module["labPassed"]!.GetValue<bool>(), module["labRuns"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_learner_may_not_check_another_teams_component_and_nothing_is_stored()
    {
        using var learner = await fixture.SignedInAsync("lucas.moreau", "Learner");

        using var response = await learner.PostAsJsonAsync(Lab, new { service = "component:default/payments-api" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("dojo.lab.owner", problem["rule"]!.GetValue<string>());
        Assert.Contains("your team owns", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await StoredAsync("lucas.moreau"));
    }

    [Fact]
    public async Task A_platform_lead_checks_any_component()
    {
        using var lead = await fixture.SignedInAsync("jonas.weber", "PlatformLead");

        using var response = await lead.PostAsJsonAsync(Lab, new { service = "payments-api" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("component:default/payments-api", (await response.Content.ReadFromJsonAsync<JsonObject>())!["service"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_is_checked_like_a_learner_but_nothing_is_stored()
    {
        using var api = fixture.Token();
        var before = (await StoredAsync()).Count;

        using var response = await api.PostAsJsonAsync(Lab, new { service = "component:default/fraud-check" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(2, run["checks"]!.AsArray().Count);
        Assert.Equal(before, (await StoredAsync()).Count);
    }

    [Theory]
    [InlineData("/api/dojo/modules/no-such-module/lab", "component:default/payments-api", HttpStatusCode.NotFound, "No module 'no-such-module'")]
    [InlineData($"/api/dojo/modules/{DojoTestContent.YellowModule}/lab", "component:default/payments-api", HttpStatusCode.BadRequest, "has no lab")]
    [InlineData(Lab, "api:default/payments-api", HttpStatusCode.BadRequest, "a lab runs against a Component")]
    [InlineData(Lab, "component:default/a/b", HttpStatusCode.BadRequest, "service: ")]
    [InlineData(Lab, "", HttpStatusCode.BadRequest, "service: ")]
    [InlineData(Lab, "component:default/no-such-service", HttpStatusCode.NotFound, "no Component 'no-such-service'")]
    public async Task Bad_requests_say_what_is_wrong(string url, string service, HttpStatusCode status, string detail)
    {
        using var api = fixture.Token();

        using var response = await api.PostAsJsonAsync(url, new { service });

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(detail, (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_sign_in_or_token_it_is_401()
    {
        using var anonymous = fixture.Host.NewClient();

        using var response = await anonymous.PostAsJsonAsync(Lab, new { service = "component:default/payments-api" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
