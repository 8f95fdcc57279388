using Bunit;
using Fawkes.Portal.Features.Dojo.Pages;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.Tests.Features.Dojo;

public sealed class QuizPanelTests : DojoComponentTestBase
{
    private IRenderedComponent<QuizPanel> Render()
    {
        Interactive();
        return Ctx.Render<QuizPanel>(p => p.Add(x => x.ModuleId, DojoTestContent.FirstModule));
    }

    [Fact]
    public void Quiz_MarkupHoldsNoAnswersOrExplanations()
    {
        var html = Render().Markup;

        Assert.Equal(10, Render().FindAll("fieldset.dojo-quiz__question").Count);
        Assert.DoesNotContain("Because", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Not this one", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Quiz_SubmittedEmpty_FailsWithFeedbackThenRetakeShowsQuestionsAgain()
    {
        var quiz = Render();

        quiz.Find("[data-testid=quiz-submit]").Click();

        Assert.Contains("Not passed yet: 0 of 10 correct (0 %)", quiz.Find("[data-testid=quiz-result]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Because 1.", quiz.Find("[data-testid=feedback-q1]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Correct: Right answer 1", quiz.Find("[data-testid=feedback-q1]").TextContent, StringComparison.Ordinal);
        quiz.Find("[data-testid=quiz-retake]").Click();
        Assert.Equal(10, quiz.FindAll("fieldset.dojo-quiz__question").Count);
    }

    [Fact]
    public void Quiz_AllRightAnswers_Passes()
    {
        var quiz = Render();
        foreach (var fieldset in quiz.FindAll("fieldset.dojo-quiz__question").Select(f => f.GetAttribute("data-testid")![9..]).ToList())
        {
            if (fieldset == "q2")
            {
                quiz.Find("input[data-testid=option-q2-a]").Change(true);
                quiz.Find("input[data-testid=option-q2-b]").Change(true);
            }
            else
            {
                quiz.Find($"input[data-testid=option-{fieldset}-a]").Click();
            }
        }

        quiz.Find("[data-testid=quiz-submit]").Click();

        Assert.Contains("Passed: 10 of 10 correct (100 %)", quiz.Find("[data-testid=quiz-result]").TextContent, StringComparison.Ordinal);
    }
}
