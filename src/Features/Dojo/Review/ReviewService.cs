using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Dojo.Review;

/// <summary>
/// Spaced review of missed quiz questions: quizzes and belt assessments schedule what a learner missed; the Dojo home and
/// <c>/api/dojo/review/me</c> hand out what is due (a few questions a day) and grade it, moving each question along
/// <see cref="ReviewSchedule"/>. The sheet's attempt id lists its questions, so a question falling due meanwhile is not
/// graded as unanswered.
/// </summary>
public sealed class ReviewService(IDbContextFactory<PortalDbContext> factory, DojoContentStore content, TimeProvider time)
{
    /// <summary>Schedules missed questions (<c>moduleId/questionId</c>) for their first review tomorrow, restarting any already scheduled.</summary>
    public async Task MissedAsync(string login, IEnumerable<string> questionKeys, CancellationToken ct)
    {
        var keys = questionKeys.Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var existing = await db.Set<DojoReviewItem>().Where(r => r.Login == login && keys.Contains(r.QuestionKey)).ToDictionaryAsync(r => r.QuestionKey, ct);
        foreach (var key in keys)
        {
            var item = existing.GetValueOrDefault(key) ?? db.Add(new DojoReviewItem { Login = login, QuestionKey = key }).Entity;
            (item.Stage, item.DueAt) = ReviewSchedule.After(0, correct: false, now)!.Value;
            item.UpdatedAt = now;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same question missed in two tabs at once: the other write scheduled it, which is what was asked.
        }
    }

    /// <summary>How many questions are due now and when the next one falls due.</summary>
    public async Task<(int Due, DateTimeOffset? Next)> StatusAsync(string login, CancellationToken ct = default)
    {
        var items = await ItemsAsync(login, ct);
        var now = time.GetUtcNow();
        return (items.Count(i => i.DueAt <= now), items.Where(i => i.DueAt > now).Select(i => (DateTimeOffset?)i.DueAt).Min());
    }

    /// <summary>Today's review: at most <see cref="ReviewSchedule.DailyQuestions"/> due questions, the longest-waiting first; null when none is due.</summary>
    public async Task<QuizSheet?> SheetAsync(string login, CancellationToken ct = default)
    {
        var due = await DueAsync(login, ct);
        return due.Count == 0 ? null
            : QuizDraw.Sheet("Daily review", 0, due, Random.Shared, string.Join(',', due.Select(q => q.Key)));
    }

    /// <summary>Grades a review sheet (its <paramref name="attemptId"/>); questions no longer due are left out.</summary>
    public async Task<QuizResult> GradeAsync(string login, string? attemptId, IReadOnlyDictionary<string, string[]>? answers, CancellationToken ct = default)
    {
        var asked = (attemptId ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var questions = (await DueAsync(login, ct, limit: null)).Where(q => asked.Contains(q.Key)).ToList();
        if (questions.Count == 0)
        {
            throw new QuizAnswerException("attemptId: none of these questions is due for review any more; open today's review again");
        }
        var result = QuizGrader.Grade(questions, answers, passPercent: 0);
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var keys = questions.Select(q => q.Key).ToList();
        var items = await db.Set<DojoReviewItem>().Where(r => r.Login == login && keys.Contains(r.QuestionKey)).ToListAsync(ct);
        foreach (var item in items)
        {
            var correct = result.Feedback.First(f => f.Id == item.QuestionKey).Correct;
            if (ReviewSchedule.After(item.Stage, correct, now) is { } next)
            {
                (item.Stage, item.DueAt, item.UpdatedAt) = (next.Stage, next.DueAt, now);
            }
            else
            {
                db.Remove(item);
            }
        }
        await db.SaveChangesAsync(ct);
        return result;
    }

    private async Task<IReadOnlyList<KeyedQuestion>> DueAsync(string login, CancellationToken ct, int? limit = ReviewSchedule.DailyQuestions)
    {
        var now = time.GetUtcNow();
        var curriculum = content.Current;
        // Questions removed from the content since they were missed are skipped (and stay until a content revert brings them back).
        var due = (await ItemsAsync(login, ct)).Where(i => i.DueAt <= now).OrderBy(i => i.DueAt).ThenBy(i => i.QuestionKey, StringComparer.Ordinal)
            .Select(i => QuizDraw.Resolve(curriculum, [i.QuestionKey])?.Single())
            .OfType<KeyedQuestion>();
        return [.. limit is { } l ? due.Take(l) : due];
    }

    private async Task<List<DojoReviewItem>> ItemsAsync(string login, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // Ordered in memory: SQLite cannot compare DateTimeOffset in SQL, and one learner has few items.
        return await db.Set<DojoReviewItem>().AsNoTracking().Where(r => r.Login == login).ToListAsync(ct);
    }
}
