using System.Text.Json;
using Fawkes.Portal.Features.Dojo.Certificates;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Progress;
using Fawkes.Portal.Features.Dojo.Review;
using Microsoft.AspNetCore.DataProtection;

namespace Fawkes.Portal.Features.Dojo.Quizzes;

/// <summary>
/// Module quizzes and belt assessments: hands out sheets, grades submissions and records them for a signed-in learner
/// (<paramref name="login"/> null = an API token: graded, nothing stored). A belt assessment's drawn questions travel in
/// its attempt id, protected by the app's Data Protection keys (shared by all replicas), so no draw is stored.
/// </summary>
public sealed class QuizService(
    DojoContentStore content, ProgressStore progress, ReviewService review, IDataProtectionProvider protection, CertificateAwarder certificates)
{
    private static readonly TimeSpan AttemptLifetime = TimeSpan.FromHours(12);
    private readonly ITimeLimitedDataProtector _attempts = protection.CreateProtector("Fawkes.Portal.Dojo.BeltAttempt").ToTimeLimitedDataProtector();

    public QuizSheet? ModuleSheet(string moduleId)
    {
        var curriculum = content.Current;
        return curriculum.QuizOf(moduleId) is { } quiz && curriculum.Module(moduleId) is { } module
            ? QuizDraw.Sheet(module.Title, quiz.PassPercent, QuizDraw.Module(quiz), Random.Shared)
            : null;
    }

    /// <summary>Null when the module has no quiz; throws <see cref="QuizAnswerException"/> for answers to unknown questions.</summary>
    public async Task<QuizResult?> GradeModuleAsync(string moduleId, IReadOnlyDictionary<string, string[]>? answers, string? login, CancellationToken ct)
    {
        if (content.Current.QuizOf(moduleId) is not { } quiz)
        {
            return null;
        }
        var result = QuizGrader.Grade(QuizDraw.Module(quiz), answers, quiz.PassPercent);
        if (login is not null)
        {
            await progress.RecordQuizAsync(login, moduleId, result, ct);
            await review.MissedAsync(login, result.Missed.Select(q => $"{moduleId}/{q}"), ct);
            await certificates.TryAwardForModuleAsync(login, moduleId, ct);
        }
        return result;
    }

    public QuizSheet? BeltSheet(string beltId)
    {
        var curriculum = content.Current;
        if (curriculum.Belt(beltId) is not { } belt)
        {
            return null;
        }
        var drawn = QuizDraw.DrawBelt(curriculum, belt.Id, belt.AssessmentQuestions, Random.Shared);
        var attempt = _attempts.Protect(JsonSerializer.Serialize(new BeltAttempt(belt.Id, [.. drawn.Select(q => q.Key)])), AttemptLifetime);
        return QuizDraw.Sheet($"{belt.Title} belt assessment", belt.AssessmentPassPercent, drawn, Random.Shared, attempt);
    }

    public async Task<QuizResult?> GradeBeltAsync(string beltId, string? attemptId, IReadOnlyDictionary<string, string[]>? answers,
        string? login, CancellationToken ct)
    {
        var curriculum = content.Current;
        if (curriculum.Belt(beltId) is not { } belt)
        {
            return null;
        }
        BeltAttempt? attempt;
        try
        {
            attempt = JsonSerializer.Deserialize<BeltAttempt>(_attempts.Unprotect(attemptId ?? ""));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            throw new QuizAnswerException("attemptId: not an attempt this portal handed out, or older than 12 hours; start a new assessment");
        }
        if (attempt is null || attempt.Belt != belt.Id)
        {
            throw new QuizAnswerException($"attemptId: this attempt is not for the {belt.Id} belt");
        }
        var questions = QuizDraw.Resolve(curriculum, attempt.Questions)
            ?? throw new QuizAnswerException("attemptId: the curriculum changed since this attempt started; start a new assessment");
        var result = QuizGrader.Grade(questions, answers, belt.AssessmentPassPercent);
        if (login is not null)
        {
            await progress.RecordBeltAsync(login, belt.Id, result, ct);
            await review.MissedAsync(login, result.Missed, ct);
            await certificates.TryAwardAsync(login, belt.Id, ct);
        }
        return result;
    }

    private sealed record BeltAttempt(string Belt, string[] Questions);
}
