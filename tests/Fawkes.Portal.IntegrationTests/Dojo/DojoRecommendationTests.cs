using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dojo.Progress;
using Fawkes.Portal.IntegrationTests.Catalog;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Dojo;

/// <summary>
/// DORA-driven recommendations on PostgreSQL: the test catalog (team-a owns the odd services, alice is in team-a), the test
/// curriculum (one rule: change failure rate low/medium → yellow-pipelines), DORA events sent through the event API.
/// </summary>
public sealed class DojoRecommendationTests : IAsyncLifetime
{
    private readonly string _catalog = TestCatalog.Create();
    private readonly DojoTestContent _content = new();
    private PortalHost _host = default!;
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        var settings = CatalogFixture.Settings(_catalog);
        settings["Dojo:ContentPath"] = _content.Root;
        _host = await PortalHost.StartPostgresAsync(settings);
        _api = _host.NewClient(bearer: PortalHost.BootstrapToken);
        await CatalogFixture.WaitForAsync(_api, TestCatalog.Total);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _host.DisposeAsync();
        _content.Dispose();
        Directory.Delete(_catalog, recursive: true);
    }

    private static string At(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>One production deployment of svc-01 (team-a) a day from <paramref name="firstDay"/>; the listed ones cause an incident.</summary>
    private async Task DeployAsync(string prefix, DateTimeOffset firstDay, int count, params int[] causingIncident)
    {
        var events = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var at = firstDay.AddDays(i);
            events.Add($$"""{"type":"deployment","id":"{{prefix}}{{i}}","service":"svc-01","environment":"production","result":"success","startedAt":"{{At(at)}}","finishedAt":"{{At(at)}}","revision":"r-{{prefix}}{{i}}","commits":[]}""");
            if (causingIncident.Contains(i))
            {
                events.Add($$"""{"type":"incident","id":"inc-{{prefix}}{{i}}","service":"svc-01","createdAt":"{{At(at.AddHours(1))}}","resolvedAt":"{{At(at.AddHours(3))}}"}""");
            }
        }
        using var post = await _api.PostAsync("/api/dora/events", new StringContent($"[{string.Join(',', events)}]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
    }

    /// <summary>A quiz pass recorded at a past moment: the API records "now", and the trend needs a completion day in the past.</summary>
    private async Task PassedAsync(string login, string module, DateTimeOffset at)
    {
        var factory = _host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        db.Add(new DojoQuizAttempt { Login = login, ModuleId = module, Correct = 10, Total = 10, ScorePercent = 100, Passed = true, SubmittedAt = at });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_medium_change_failure_rate_recommends_the_rule_and_shows_the_trend_since_the_team_passed_its_modules()
    {
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddHours(10);
        var completed = today.AddDays(-30);
        // 30 days before completion: 10 deployments, 3 caused an incident (30 %, low); since: 10 deployments, none (0 %, elite).
        await DeployAsync("before", completed.AddDays(-25), 10, 1, 4, 7);
        await DeployAsync("since", completed.AddDays(2), 10);
        await PassedAsync("Alice", DojoTestContent.YellowModule, completed);
        await PassedAsync("bob", DojoTestContent.YellowModule, completed.AddDays(-40)); // team-b: not team-a's pass

        var body = (await _api.GetFromJsonAsync<JsonObject>("/api/dojo/recommendations?team=team-a"))!;

        var cfr = body["metrics"]!.AsArray().Single(m => m!["metric"]!.GetValue<string>() == "changeFailureRate")!;
        Assert.Equal(("medium", "15 %"), (cfr["level"]!.GetValue<string>(), cfr["value"]!.GetValue<string>()));
        var rule = body["recommendations"]!.AsArray().Single()!;
        Assert.Equal("Catch failures before production", rule["title"]!.GetValue<string>());
        var module = rule["modules"]!.AsArray().Single()!;
        Assert.Equal((DojoTestContent.YellowModule, 1), (module["id"]!.GetValue<string>(), module["passedBy"]!.GetValue<int>()));
        var trend = rule["trend"]!;
        Assert.Equal(DateOnly.FromDateTime(completed.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), trend["completedOn"]!.GetValue<string>());
        Assert.Equal(("low", "30 %"), (trend["before"]!["level"]!.GetValue<string>(), trend["before"]!["value"]!.GetValue<string>()));
        Assert.Equal(("elite", "0 %"), (trend["since"]!["level"]!.GetValue<string>(), trend["since"]!["value"]!.GetValue<string>()));
        Assert.True(trend["direction"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Without_a_pass_in_the_team_there_is_no_trend_and_a_team_without_events_gets_nothing()
    {
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddHours(10);
        await DeployAsync("x", today.AddDays(-20), 4, 0, 1);

        var teamA = (await _api.GetFromJsonAsync<JsonObject>("/api/dojo/recommendations?team=group:default/team-a"))!;
        var teamB = (await _api.GetFromJsonAsync<JsonObject>("/api/dojo/recommendations?team=team-b"))!;

        var rule = teamA["recommendations"]!.AsArray().Single()!;
        Assert.Equal("low", rule["level"]!.GetValue<string>());
        Assert.Equal(0, rule["modules"]![0]!["passedBy"]!.GetValue<int>());
        Assert.Null(rule["trend"]);
        Assert.Empty(teamB["recommendations"]!.AsArray());
    }

    [Theory]
    [InlineData("/api/dojo/recommendations", HttpStatusCode.BadRequest)]
    [InlineData("/api/dojo/recommendations?team=no-such-team", HttpStatusCode.NotFound)]
    [InlineData("/api/dojo/recommendations?team=component:default/svc-01", HttpStatusCode.NotFound)]
    [InlineData("/api/dojo/recommendations?team=team-a&days=3", HttpStatusCode.BadRequest)]
    public async Task Bad_requests_say_what_is_wrong(string path, HttpStatusCode expected)
    {
        using var response = await _api.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("detail", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_callers_are_refused()
    {
        using var anonymous = _host.NewClient();
        using var response = await anonymous.GetAsync("/api/dojo/recommendations?team=team-a");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
