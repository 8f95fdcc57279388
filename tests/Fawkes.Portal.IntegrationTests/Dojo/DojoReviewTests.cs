using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dojo.Review;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Dojo;

/// <summary>Spaced review on PostgreSQL: missed quiz questions are scheduled, come due, and move along 1, 3, 7, 21 days.</summary>
public sealed class DojoReviewTests(DojoFixture fixture) : IClassFixture<DojoFixture>
{
    private const string Quiz = $"/api/dojo/modules/{DojoTestContent.FirstModule}/quiz";
    private const string Review = "/api/dojo/review/me";

    /// <summary>Right answers of the test quizzes (a; a and b for ids ending in q2); the first <paramref name="wrong"/> get b.</summary>
    private static Dictionary<string, string[]> Answers(IEnumerable<string> ids, int wrong = 0) => ids.Select((id, i) => (id, i))
        .ToDictionary(x => x.id, x => x.i < wrong ? new[] { "b" } : x.id.EndsWith("q2", StringComparison.Ordinal) ? ["a", "b"] : ["a"]);

    private static List<string> Ids(JsonNode sheet) => [.. sheet["questions"]!.AsArray().Select(q => q!["id"]!.GetValue<string>())];

    private async Task<HttpClient> LearnerAsync(string login)
    {
        var client = fixture.Host.NewClient(cookies: new CookieContainer());
        (await HttpSignIn.SignInAsync(client, login, "Learner")).Dispose();
        return client;
    }

    private async Task<List<DojoReviewItem>> ItemsAsync(string login)
    {
        var factory = fixture.Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Set<DojoReviewItem>().AsNoTracking().Where(r => r.Login == login).OrderBy(r => r.QuestionKey).ToListAsync();
    }

    /// <summary>Moves a learner's items into the past, as waiting the days would (the API records "now").</summary>
    private async Task MakeDueAsync(string login, int stage = -1)
    {
        var factory = fixture.Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        foreach (var item in await db.Set<DojoReviewItem>().Where(r => r.Login == login).ToListAsync())
        {
            item.DueAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            item.Stage = stage < 0 ? item.Stage : stage;
        }
        await db.SaveChangesAsync();
    }

    private async Task<List<string>> MissThreeAsync(HttpClient learner)
    {
        var ids = Ids((await learner.GetFromJsonAsync<JsonObject>(Quiz))!);
        var answers = Answers(ids, wrong: 3);
        using var fail = await learner.PostAsJsonAsync(Quiz, new { answers });
        Assert.Equal(HttpStatusCode.OK, fail.StatusCode);
        return [.. answers.Where(a => a.Value.SequenceEqual(["b"])).Select(a => $"{DojoTestContent.FirstModule}/{a.Key}").Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Missed_questions_come_back_tomorrow_and_not_before()
    {
        using var learner = await LearnerAsync("amara.okafor");
        var missed = await MissThreeAsync(learner);

        var items = await ItemsAsync("amara.okafor");
        var review = (await learner.GetFromJsonAsync<JsonObject>(Review))!;

        Assert.Equal(missed, items.Select(i => i.QuestionKey));
        Assert.All(items, i => Assert.InRange(i.DueAt - DateTimeOffset.UtcNow, TimeSpan.FromHours(23), TimeSpan.FromHours(25)));
        Assert.Equal(0, review["due"]!.GetValue<int>());
        Assert.Null(review["sheet"]);
        Assert.NotNull(review["nextDueAt"]);
    }

    [Fact]
    public async Task A_due_review_is_graded_right_answers_move_on_and_missed_ones_start_over()
    {
        using var learner = await LearnerAsync("jonas.weber");
        var missed = await MissThreeAsync(learner);
        await MakeDueAsync("jonas.weber");

        var raw = await learner.GetStringAsync(Review);
        var review = JsonNode.Parse(raw)!;
        var sheet = review["sheet"]!;
        Assert.Equal(3, review["due"]!.GetValue<int>());
        Assert.Equal(missed, Ids(sheet).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("correct", raw, StringComparison.OrdinalIgnoreCase);
        // The first one right, the second wrong, the third unanswered.
        var answers = new Dictionary<string, string[]>
        {
            [missed[0]] = missed[0].EndsWith("q2", StringComparison.Ordinal) ? ["a", "b"] : ["a"],
            [missed[1]] = ["b"],
        };
        using var graded = await learner.PostAsJsonAsync(Review, new { attemptId = sheet["attemptId"]!.GetValue<string>(), answers });

        var result = (await graded.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((1, 3), (result["correct"]!.GetValue<int>(), result["total"]!.GetValue<int>()));
        var items = (await ItemsAsync("jonas.weber")).ToDictionary(i => i.QuestionKey);
        Assert.Equal(1, items[missed[0]].Stage);
        Assert.InRange(items[missed[0]].DueAt - DateTimeOffset.UtcNow, TimeSpan.FromDays(2.9), TimeSpan.FromDays(3.1));
        Assert.All([items[missed[1]], items[missed[2]]], i =>
        {
            Assert.Equal(0, i.Stage);
            Assert.InRange(i.DueAt - DateTimeOffset.UtcNow, TimeSpan.FromHours(23), TimeSpan.FromHours(25));
        });
    }

    [Fact]
    public async Task A_question_answered_right_at_its_21_day_review_is_learned_and_leaves_the_review()
    {
        using var learner = await LearnerAsync("priya.raman");
        var missed = await MissThreeAsync(learner);
        await MakeDueAsync("priya.raman", stage: ReviewSchedule.IntervalDays.Count - 1);
        var sheet = (await learner.GetFromJsonAsync<JsonObject>(Review))!["sheet"]!;

        using var graded = await learner.PostAsJsonAsync(Review, new
        {
            attemptId = sheet["attemptId"]!.GetValue<string>(),
            answers = missed.ToDictionary(k => k, k => k.EndsWith("q2", StringComparison.Ordinal) ? new[] { "a", "b" } : ["a"]),
        });

        Assert.Equal(HttpStatusCode.OK, graded.StatusCode);
        Assert.Empty(await ItemsAsync("priya.raman"));
        using var again = await learner.PostAsJsonAsync(Review, new { attemptId = sheet["attemptId"]!.GetValue<string>(), answers = new { } });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("none of these questions is due", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_has_no_review_and_its_misses_are_not_scheduled()
    {
        using var api = fixture.Host.NewClient(bearer: PortalHost.BootstrapToken);
        var ids = Ids((await api.GetFromJsonAsync<JsonObject>(Quiz))!);
        (await api.PostAsJsonAsync(Quiz, new { answers = Answers(ids, wrong: 4) })).Dispose();

        using var review = await api.GetAsync(Review);

        Assert.Equal(HttpStatusCode.BadRequest, review.StatusCode);
        Assert.Empty(await ItemsAsync("token"));
        Assert.Empty(await ItemsAsync("automation"));
    }
}
