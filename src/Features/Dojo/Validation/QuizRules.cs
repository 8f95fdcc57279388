using Fawkes.Portal.Features.Dojo.Content;

namespace Fawkes.Portal.Features.Dojo.Validation;

/// <summary>A quiz's schema: enough questions, unique ids, the right number of correct options, explanations.</summary>
internal static class QuizRules
{
    public static IEnumerable<ContentError> Check(DojoQuiz quiz, Curriculum curriculum)
    {
        var file = quiz.File;
        if (curriculum.Module(quiz.Module) is not { } module)
        {
            yield return new(file, quiz.Line, $"'module: {quiz.Module}' is not a module id");
        }
        else if (module.File[..^3] + CurriculumLoader.QuizSuffix != file)
        {
            yield return new(file, quiz.Line, $"the quiz of '{quiz.Module}' must sit beside it as {module.File[..^3]}{CurriculumLoader.QuizSuffix}");
        }
        else if (curriculum.Quizzes.FirstOrDefault(q => q.Module == quiz.Module) is { } first && first != quiz)
        {
            yield return new(file, quiz.Line, $"module '{quiz.Module}' already has a quiz: {first.File}");
        }
        if (quiz.Questions.Count < CurriculumValidator.MinQuestions)
        {
            yield return new(file, quiz.Line, $"a quiz needs at least {CurriculumValidator.MinQuestions} questions, this one has {quiz.Questions.Count}");
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var q in quiz.Questions)
        {
            if (!ids.Add(q.Id))
            {
                yield return new(file, q.Line, $"question id '{q.Id}' is used twice in this quiz");
            }
            if (!CurriculumValidator.IdPattern().IsMatch(q.Id))
            {
                yield return new(file, q.Line, $"question id '{q.Id}' must be lower-case letters, digits and '-'");
            }
            if (q.Options.Count < 2)
            {
                yield return new(file, q.Line, $"question '{q.Id}' needs at least two options");
            }
            foreach (var dup in q.Options.GroupBy(o => o.Id).Where(g => g.Count() > 1))
            {
                yield return new(file, q.Line, $"question '{q.Id}': option id '{dup.Key}' is used twice");
            }
            var correct = q.Options.Count(o => o.Correct);
            if (q.Type == QuizQuestion.Single && correct != 1)
            {
                yield return new(file, q.Line, $"question '{q.Id}' is single choice and needs exactly one correct option, it has {correct}");
            }
            if (q.Type == QuizQuestion.Multiple && correct < 1)
            {
                yield return new(file, q.Line, $"question '{q.Id}' is multiple choice and needs at least one correct option");
            }
        }
    }
}
