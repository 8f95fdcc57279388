using Fawkes.Portal.Features.Dojo.Content;

namespace Fawkes.Portal.Features.Dojo.Quizzes;

/// <summary>An option as the learner sees it: no <c>correct</c>, no explanation.</summary>
public sealed record OptionView(string Id, string Text);

/// <summary>A question as the learner sees it. In a belt assessment the id is <c>moduleId/questionId</c>.</summary>
public sealed record QuestionView(string Id, string Type, string Text, IReadOnlyList<OptionView> Options);

/// <summary>What a quiz attempt sends to the browser; <see cref="AttemptId"/> names a belt assessment's drawn questions.</summary>
public sealed record QuizSheet(string Title, int PassPercent, IReadOnlyList<QuestionView> Questions, string? AttemptId = null);

/// <summary>A question as the grader keys it: the id the learner answers to, and the content question.</summary>
public sealed record KeyedQuestion(string Key, QuizQuestion Question);

/// <summary>Builds learner-facing sheets: questions and options in a fresh random order per attempt, answers left out.</summary>
public static class QuizDraw
{
    public static QuizSheet Sheet(string title, int passPercent, IEnumerable<KeyedQuestion> questions, Random random, string? attemptId = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        var views = questions
            .Select(q => new QuestionView(q.Key, q.Question.Type, q.Question.Text,
                Shuffle(q.Question.Options.Select(o => new OptionView(o.Id, o.Text)), random)))
            .ToList();
        return new QuizSheet(title, passPercent, Shuffle(views, random), attemptId);
    }

    /// <summary><paramref name="count"/> questions drawn without replacement from every quiz of the belt's modules.</summary>
    public static IReadOnlyList<KeyedQuestion> DrawBelt(Curriculum curriculum, string belt, int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(curriculum);
        var pool = curriculum.ModulesOf(belt)
            .SelectMany(m => curriculum.QuizOf(m.Id)?.Questions.Select(q => new KeyedQuestion($"{m.Id}/{q.Id}", q)) ?? [])
            .ToList();
        return Shuffle(pool, random).Take(count).ToList();
    }

    public static IReadOnlyList<KeyedQuestion> Module(DojoQuiz quiz) =>
        [.. quiz.Questions.Select(q => new KeyedQuestion(q.Id, q))];

    /// <summary>Resolves <c>moduleId/questionId</c> keys (from an attempt id) back to questions; null when content moved on.</summary>
    public static IReadOnlyList<KeyedQuestion>? Resolve(Curriculum curriculum, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(curriculum);
        var list = new List<KeyedQuestion>();
        foreach (var key in keys)
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            var question = slash < 0 ? null : curriculum.QuizOf(key[..slash])?.Questions.FirstOrDefault(q => q.Id == key[(slash + 1)..]);
            if (question is null)
            {
                return null;
            }
            list.Add(new KeyedQuestion(key, question));
        }
        return list;
    }

    private static List<T> Shuffle<T>(IEnumerable<T> items, Random random)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}
