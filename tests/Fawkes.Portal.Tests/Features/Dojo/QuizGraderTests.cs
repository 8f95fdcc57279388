using System.Text.Json;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Quizzes;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.Tests.Features.Dojo;

public sealed class QuizGraderTests : IDisposable
{
    private readonly DojoTestContent _content = new();
    private readonly Curriculum _curriculum;
    private readonly IReadOnlyList<KeyedQuestion> _questions;

    public QuizGraderTests()
    {
        _curriculum = CurriculumLoader.Load(_content.Root).Curriculum;
        _questions = QuizDraw.Module(_curriculum.QuizOf(DojoTestContent.FirstModule)!);
    }

    private Dictionary<string, string[]> Answers(int wrong) => _questions.Select((q, i) => (q.Key, i)).ToDictionary(
        x => x.Key, x => x.i < wrong ? new[] { "b" } : x.Key == "q2" ? ["a", "b"] : ["a"]);

    [Theory]
    [InlineData(0, 10, 100, true)]
    [InlineData(2, 8, 80, true)]   // exactly the pass mark passes
    [InlineData(3, 7, 70, false)]
    public void Grade_CountsExactMatches(int wrong, int correct, int score, bool passed)
    {
        var result = QuizGrader.Grade(_questions, Answers(wrong), 80);

        Assert.Equal((correct, 10, score, passed), (result.Correct, result.Total, result.Score, result.Passed));
        Assert.Equal(wrong, result.Missed.Count);
    }

    [Fact]
    public void Grade_MultipleChoiceWithOneOfTwo_IsWrongAndExplainsThePick()
    {
        var answers = Answers(0);
        answers["q2"] = ["a", "c"];

        var q2 = QuizGrader.Grade(_questions, answers, 80).Feedback.Single(f => f.Id == "q2");

        Assert.False(q2.Correct);
        Assert.Equal(["a", "b"], q2.CorrectOptions);
        Assert.Equal("Output is not a delivery metric.", q2.OptionExplanations["c"]);
        Assert.Contains("two of the five", q2.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Grade_UnansweredQuestions_AreWrong() => Assert.Equal(0, QuizGrader.Grade(_questions, null, 80).Correct);

    [Fact]
    public void Grade_UnknownQuestionOrOption_IsRefusedWithWhere()
    {
        Assert.Contains("'q99' is not a question", Assert.Throws<QuizAnswerException>(() =>
            QuizGrader.Grade(_questions, new Dictionary<string, string[]> { ["q99"] = ["a"] }, 80)).Message, StringComparison.Ordinal);
        Assert.Contains("answers.q1: 'z'", Assert.Throws<QuizAnswerException>(() =>
            QuizGrader.Grade(_questions, new Dictionary<string, string[]> { ["q1"] = ["z"] }, 80)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sheet_KeepsAnswersAndExplanationsOutOfWhatTheBrowserGets()
    {
        var json = JsonSerializer.Serialize(QuizDraw.Sheet("t", 80, _questions, new Random(1)));

        Assert.DoesNotContain("correct", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("explanation", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Because", json, StringComparison.Ordinal);
        Assert.Contains("Right answer 1", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Sheet_ShufflesQuestionsAndOptionsPerAttempt()
    {
        var random = new Random(7);
        var orders = Enumerable.Range(0, 20).Select(_ => QuizDraw.Sheet("t", 80, _questions, random))
            .Select(s => string.Join(",", s.Questions.Select(q => q.Id + ":" + string.Join("", q.Options.Select(o => o.Id)))))
            .ToHashSet();

        Assert.True(orders.Count > 10, $"only {orders.Count} distinct orders in 20 attempts");
        Assert.All(orders, o => Assert.Equal(10, o.Split(',').Length));
    }

    [Fact]
    public void DrawBelt_TakesDistinctQuestionsFromTheBeltsQuizzesOnly()
    {
        var drawn = QuizDraw.DrawBelt(_curriculum, "white", 15, new Random(3));

        Assert.Equal(15, drawn.Select(q => q.Key).Distinct().Count());
        Assert.All(drawn, q => Assert.StartsWith("white-", q.Key, StringComparison.Ordinal));
        Assert.Equal(drawn.Select(q => q.Question), QuizDraw.Resolve(_curriculum, drawn.Select(q => q.Key))!.Select(q => q.Question));
    }

    public void Dispose() => _content.Dispose();
}
