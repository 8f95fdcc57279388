using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dojo.Progress;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Dojo;

/// <summary>The portal on PostgreSQL with the written test curriculum: one portal for the class, one learner per test.</summary>
public sealed class DojoFixture : IAsyncLifetime
{
    public DojoTestContent Content { get; } = new();
    public PortalHost Host { get; private set; } = default!;

    public async Task InitializeAsync() =>
        Host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?> { ["Dojo:ContentPath"] = Content.Root });

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Content.Dispose();
    }
}

public sealed class DojoApiTests(DojoFixture fixture) : IClassFixture<DojoFixture>
{
    private const string Quiz = $"/api/dojo/modules/{DojoTestContent.FirstModule}/quiz";

    /// <summary>Right answers of the test quizzes: a for single choice, a and b for q2; the first <paramref name="wrong"/> are b.</summary>
    private static Dictionary<string, string[]> Answers(IEnumerable<string> ids, int wrong = 0) => ids.Select((id, i) => (id, i))
        .ToDictionary(x => x.id, x => x.i < wrong ? new[] { "b" } : x.id.EndsWith("q2", StringComparison.Ordinal) ? ["a", "b"] : ["a"]);

    private static IEnumerable<string> Ids(JsonNode sheet) => sheet["questions"]!.AsArray().Select(q => q!["id"]!.GetValue<string>());

    private async Task<HttpClient> LearnerAsync(string login)
    {
        var client = fixture.Host.NewClient(cookies: new CookieContainer());
        (await HttpSignIn.SignInAsync(client, login, "Learner")).Dispose();
        return client;
    }

    private async Task<int> StoredAttemptsAsync(string login)
    {
        var factory = fixture.Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Set<DojoQuizAttempt>().CountAsync(a => a.Login == login);
    }

    [Fact]
    public async Task Modules_list_their_belt_order_minutes_questions_and_lab_checks()
    {
        using var api = fixture.Host.NewClient(bearer: PortalHost.BootstrapToken);

        var items = (await api.GetFromJsonAsync<JsonObject>("/api/dojo/modules"))!["items"]!.AsArray();

        Assert.Equal(3, items.Count);
        var first = items[0]!;
        Assert.Equal((DojoTestContent.FirstModule, "white", 1, 60, 10, 2), (first["id"]!.GetValue<string>(), first["belt"]!.GetValue<string>(),
            first["order"]!.GetValue<int>(), first["minutes"]!.GetValue<int>(), first["questions"]!.GetValue<int>(), first["labChecks"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_token_gets_questions_without_answers_and_is_graded_without_anything_stored()
    {
        using var api = fixture.Host.NewClient(bearer: PortalHost.BootstrapToken);

        var raw = await api.GetStringAsync(Quiz);
        var sheet = JsonNode.Parse(raw)!;
        Assert.DoesNotContain("correct", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Because", raw, StringComparison.Ordinal);
        using var response = await api.PostAsJsonAsync(Quiz, new { answers = Answers(Ids(sheet), wrong: 3) });
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal((70, false), (result["score"]!.GetValue<int>(), result["passed"]!.GetValue<bool>()));
        Assert.Equal(3, result["feedback"]!.AsArray().Count(f => !f!["correct"]!.GetValue<bool>()));
        Assert.Equal(0, await StoredAttemptsAsync("token"));
        using var progress = await api.GetAsync("/api/dojo/progress/me");
        Assert.Equal(HttpStatusCode.BadRequest, progress.StatusCode);
    }

    [Fact]
    public async Task A_learner_fails_then_passes_and_progress_keeps_both_attempts()
    {
        using var learner = await LearnerAsync("mei.chen");
        var ids = Ids((await learner.GetFromJsonAsync<JsonObject>(Quiz))!).ToList();

        using var fail = await learner.PostAsJsonAsync(Quiz, new { answers = Answers(ids, wrong: 5) });
        using var pass = await learner.PostAsJsonAsync(Quiz, new { answers = Answers(ids) });
        await fixture.Host.Services.GetRequiredService<ProgressService>().MarkReadAsync("mei.chen", DojoTestContent.FirstModule, "theory", true);

        Assert.False((await fail.Content.ReadFromJsonAsync<JsonObject>())!["passed"]!.GetValue<bool>());
        Assert.True((await pass.Content.ReadFromJsonAsync<JsonObject>())!["passed"]!.GetValue<bool>());
        var me = (await learner.GetFromJsonAsync<JsonObject>("/api/dojo/progress/me"))!;
        var module = me["modules"]![DojoTestContent.FirstModule]!;
        Assert.Equal((2, 100, true), (module["attempts"]!.GetValue<int>(), module["bestScore"]!.GetValue<int>(), module["quizPassed"]!.GetValue<bool>()));
        Assert.Equal(["theory"], module["partsRead"]!.AsArray().Select(p => p!.GetValue<string>()));
        // Passed quiz, but the module's lab is still to pass: it stays the next module.
        Assert.Equal(DojoTestContent.FirstModule, me["nextModule"]!.GetValue<string>());
        Assert.False(module["passed"]!.GetValue<bool>());
        Assert.Equal(1, me["streakDays"]!.GetValue<int>());
        Assert.Equal(2, await StoredAttemptsAsync("mei.chen"));
    }

    [Fact]
    public async Task A_belt_assessment_is_graded_against_the_questions_its_attempt_drew()
    {
        using var learner = await LearnerAsync("lucas.moreau");
        var sheet = (await learner.GetFromJsonAsync<JsonObject>("/api/dojo/belts/white/assessment"))!;
        var ids = Ids(sheet).ToList();
        var attemptId = sheet["attemptId"]!.GetValue<string>();

        using var pass = await learner.PostAsJsonAsync("/api/dojo/belts/white/assessment", new { attemptId, answers = Answers(ids) });
        using var forged = await learner.PostAsJsonAsync("/api/dojo/belts/white/assessment", new { attemptId = "x" + attemptId, answers = Answers(ids) });
        using var otherBelt = await learner.PostAsJsonAsync("/api/dojo/belts/yellow/assessment", new { attemptId, answers = Answers(ids) });

        Assert.Equal(15, ids.Count);
        Assert.All(ids, id => Assert.StartsWith("white-", id, StringComparison.Ordinal));
        var result = (await pass.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((15, true), (result["correct"]!.GetValue<int>(), result["passed"]!.GetValue<bool>()));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (forged.StatusCode, otherBelt.StatusCode));
        var me = (await learner.GetFromJsonAsync<JsonObject>("/api/dojo/progress/me"))!;
        Assert.True(me["belts"]![0]!["assessmentPassed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Unknown_answers_are_refused_with_where()
    {
        using var api = fixture.Host.NewClient(bearer: PortalHost.BootstrapToken);

        using var response = await api.PostAsJsonAsync(Quiz, new { answers = new Dictionary<string, string[]> { ["nope"] = ["a"] } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'nope' is not a question", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
