using Fawkes.Portal.Features.Dojo.Content;

namespace Fawkes.Portal.Features.Dojo.Quizzes;

/// <summary>Feedback for one question: what was picked, what was right, and why.</summary>
public sealed record QuestionFeedback(
    string Id, bool Correct, IReadOnlyList<string> Selected, IReadOnlyList<string> CorrectOptions, string Explanation,
    IReadOnlyDictionary<string, string> OptionExplanations);

public sealed record QuizResult(int Correct, int Total, int Score, bool Passed, int PassPercent, IReadOnlyList<QuestionFeedback> Feedback)
{
    public IReadOnlyList<string> Missed => [.. Feedback.Where(f => !f.Correct).Select(f => f.Id)];
}

/// <summary>Thrown for answers that name a question or option the attempt does not have.</summary>
public sealed class QuizAnswerException(string message) : Exception(message);

/// <summary>
/// Grades on the server. A question counts when the picked options are exactly the correct ones (an unanswered question is
/// wrong); the attempt passes when correct/total reaches the pass mark, compared exactly, without rounding.
/// </summary>
public static class QuizGrader
{
    public static QuizResult Grade(IReadOnlyList<KeyedQuestion> questions, IReadOnlyDictionary<string, string[]>? answers, int passPercent)
    {
        ArgumentNullException.ThrowIfNull(questions);
        answers ??= new Dictionary<string, string[]>();
        var byKey = questions.ToDictionary(q => q.Key, StringComparer.Ordinal);
        foreach (var (key, picked) in answers)
        {
            if (!byKey.TryGetValue(key, out var q))
            {
                throw new QuizAnswerException($"answers: '{key}' is not a question of this attempt");
            }
            if ((picked ?? []).FirstOrDefault(p => q.Question.Options.All(o => o.Id != p)) is { } unknown)
            {
                throw new QuizAnswerException($"answers.{key}: '{unknown}' is not an option of this question");
            }
        }
        var feedback = questions.Select(q =>
        {
            var selected = (answers.GetValueOrDefault(q.Key) ?? []).Distinct(StringComparer.Ordinal).ToList();
            var correct = q.Question.Options.Where(o => o.Correct).Select(o => o.Id).ToList();
            var right = selected.Count == correct.Count && selected.All(correct.Contains);
            var explanations = q.Question.Options
                .Where(o => selected.Contains(o.Id) && o.Explanation is not null)
                .ToDictionary(o => o.Id, o => o.Explanation!, StringComparer.Ordinal);
            return new QuestionFeedback(q.Key, right, selected, correct, q.Question.Explanation, explanations);
        }).ToList();
        var total = questions.Count;
        var right = feedback.Count(f => f.Correct);
        var passed = total > 0 && right * 100 >= passPercent * total;
        return new QuizResult(right, total, total == 0 ? 0 : right * 100 / total, passed, passPercent, feedback);
    }
}
