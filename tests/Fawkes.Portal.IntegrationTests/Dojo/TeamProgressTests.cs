using System.Net;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dojo.Progress;
using Fawkes.Portal.Identity.ApiTokens;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Dojo;

/// <summary>The team view over the demo catalog's identity-team (Mei Chen, Noah Fischer, Aisha Bello) and who may see it.</summary>
public sealed class TeamProgressTests(DojoFixture fixture) : IClassFixture<DojoFixture>
{
    private const string Csv = "/api/dojo/team/identity-team/progress.csv";
    private static readonly DateTimeOffset Day = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Start-up ingestion runs in the background: waits for the team and its members.</summary>
    private async Task CatalogReadyAsync()
    {
        using var api = fixture.Host.NewClient(bearer: PortalHost.BootstrapToken);
        await Poll.UntilAsync(async () =>
        {
            using var response = await api.GetAsync("/api/catalog/entities/by-name/user/default/aisha.bello");
            return response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(60), "the demo catalog's identity-team", everyMs: 250);
    }

    /// <summary>Aisha holds the white belt; Mei passed the first module and is stuck on the second; Noah has not started.</summary>
    private async Task SeedAsync()
    {
        var factory = fixture.Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        if (await db.Set<DojoQuizAttempt>().AnyAsync(a => a.Login == "aisha.bello"))
        {
            return;
        }
        foreach (var module in new[] { DojoTestContent.FirstModule, DojoTestContent.SecondModule })
        {
            db.Add(Quiz("aisha.bello", module, true, Day));
            db.Add(new DojoLabResult { Login = "aisha.bello", ModuleId = module, ServiceRef = "component:default/x", Passed = true, CheckedAt = Day });
        }
        db.Add(new DojoBeltAttempt { Login = "aisha.bello", Belt = "white", Passed = true, ScorePercent = 100, SubmittedAt = Day.AddHours(1) });
        db.Add(Quiz("mei.chen", DojoTestContent.FirstModule, true, Day));
        db.Add(new DojoLabResult { Login = "mei.chen", ModuleId = DojoTestContent.FirstModule, ServiceRef = "component:default/x", Passed = true, CheckedAt = Day });
        db.Add(Quiz("mei.chen", DojoTestContent.SecondModule, true, Day.AddHours(2)));
        db.Add(new DojoLabResult { Login = "mei.chen", ModuleId = DojoTestContent.SecondModule, ServiceRef = "component:default/x", Passed = false, CheckedAt = Day.AddHours(3) });
        await db.SaveChangesAsync();
        await fixture.Host.Services.GetRequiredService<Features.Dojo.Certificates.CertificateAwarder>().TryAwardAsync("aisha.bello", "white");
    }

    private static DojoQuizAttempt Quiz(string login, string module, bool passed, DateTimeOffset at) =>
        new() { Login = login, ModuleId = module, Passed = passed, ScorePercent = passed ? 100 : 50, Correct = 10, Total = 10, SubmittedAt = at };

    [Fact]
    public async Task The_CSV_has_a_row_per_member_with_belt_modules_passed_where_stuck_and_last_activity()
    {
        await CatalogReadyAsync();
        await SeedAsync();
        using var lead = await DojoLearner.SignInAsync(fixture.Host, "jonas.weber", "PlatformLead");

        using var response = await lead.Client.GetAsync(Csv);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
        [
            "login,displayName,belt,workingOn,modulesPassed,modules,stuckOn,lastActivity",
            "aisha.bello,Aisha Bello,white,yellow,2,3,,2026-11-02T10:00:00Z",
            $"mei.chen,Mei Chen,none,white,1,3,{DojoTestContent.SecondModule},2026-11-02T12:00:00Z",
            "noah.fischer,Noah Fischer,none,white,0,3,,",
        ], lines);
    }

    [Fact]
    public async Task Only_PlatformLeads_Admins_and_admin_tokens_get_the_CSV_or_the_page()
    {
        await CatalogReadyAsync();
        using var anonymous = fixture.Host.NewClient();
        using var learner = await DojoLearner.SignInAsync(fixture.Host, "mei.chen");
        using var developer = await DojoLearner.SignInAsync(fixture.Host, "priya.raman", "Developer");
        using var admin = await DojoLearner.SignInAsync(fixture.Host, "amara.okafor", "Admin");
        using var lead = await DojoLearner.SignInAsync(fixture.Host, "jonas.weber", "PlatformLead");
        var readToken = await fixture.Host.Services.GetRequiredService<ApiTokenService>().CreateAsync($"read-{Guid.NewGuid():N}", ["catalog:read"], 1, "test");
        using var reader = fixture.Host.NewClient(readToken.Secret);
        using var automation = fixture.Host.NewClient(bearer: PortalHost.BootstrapToken);

        var answers = new List<HttpStatusCode>();
        foreach (var client in new[] { anonymous, learner.Client, developer.Client, reader, admin.Client, automation })
        {
            using var response = await client.GetAsync(Csv);
            answers.Add(response.StatusCode);
        }
        using var unknown = await lead.Client.GetAsync("/api/dojo/team/no-such-team/progress.csv");
        using var page = await lead.Client.GetAsync("/dojo/team?team=identity-team");
        using var learnerPage = await learner.Client.GetAsync("/dojo/team");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden,
            HttpStatusCode.OK, HttpStatusCode.OK], answers);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Noah Fischer", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, learnerPage.StatusCode);
    }
}
