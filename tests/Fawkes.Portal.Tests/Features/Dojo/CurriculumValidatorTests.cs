using Fawkes.Portal.Features.Dojo.Validation;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.Tests.Features.Dojo;

public sealed class CurriculumValidatorTests : IDisposable
{
    private const string First = "white/01-first-steps.md";
    private const string FirstQuiz = "white/01-first-steps.quiz.yaml";
    private readonly DojoTestContent _content = new();

    [Fact]
    public void Validate_TestContent_HasNoErrors() =>
        Assert.Equal("", string.Join("\n", CurriculumValidator.Validate(_content.Root, SiteRoutes.Portal)));

    // file, text to replace, replacement, expected file of the first error, its line, a piece of its message
    public static TheoryData<string, string, string, string, int, string> Broken => new()
    {
        { First, "id: white-first-steps", "id: White_First", First, 2, "lower-case" },
        { First, "belt: white", "belt: purple", First, 3, "unknown belt 'purple'" },
        { First, "order: 1", "order: 5", First, 4, "order must be 1..4" },
        { First, "minutes: 60", "minutes: 61", First, 6, "add up to 60" },
        { First, "## Demo (10 min)", "## Demo", First, 48, "needs its time" },
        { First, "## Demo (10 min)", "## Walkthrough (10 min)", First, 48, "part 3 must be '## Demo" },
        { First, "## Reflection (5 min)", "## Reflection (5 min)\n\n## Extra (1 min)", First, 59, "seventh part" },
        { First, "prerequisites: []", "prerequisites: [white-nothing]", First, 7, "prerequisite 'white-nothing'" },
        { First, "prerequisites: []", "prerequisites: [white-dora-basics]", "white/02-dora-basics.md", 7, "cycle" },
        { First, "- type: entity", "- type: telepathy", First, 14, "unknown lab check type 'telepathy'" },
        { First, "days: 30", "weeks: 4", First, 17, "has no parameter 'weeks'" },
        { First, "minDeployments: 1", "minDeployments: many", First, 18, "must be a whole number" },
        { First, "![flow](../images/flow.png)", "![flow](../images/missing.png)", First, 43, "does not exist" },
        { "yellow/01-pipelines.md", "(/catalog)", "(/nowhere/page)", "yellow/01-pipelines.md", 25, "not a portal page" },
        { FirstQuiz, "  - id: q10", "  - id: q9", FirstQuiz, 68, "used twice" },
        { FirstQuiz, "{ id: b, text: Wrong answer 3, explanation: Not this one. }", "{ id: b, text: Wrong answer 3, correct: true }",
            FirstQuiz, 19, "exactly one correct option, it has 2" },
        { FirstQuiz, "    explanation: Because 4.", "", FirstQuiz, 26, "'explanation' is required" },
        { FirstQuiz, "module: white-first-steps", "module: white-other", FirstQuiz, 1, "not a module id" },
        { "belts.yaml", "questions: 15", "questions: 25", "belts.yaml", 2, "only 20" },
        { "recommendations.yaml", "modules: [yellow-pipelines]", "modules: [yellow-ghost]", "recommendations.yaml", 2, "unknown module 'yellow-ghost'" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Validate_BrokenContent_FirstErrorNamesFileAndLine(string file, string old, string replacement, string errorFile, int line, string message)
    {
        _content.Replace(file, old, replacement);

        var first = CurriculumValidator.Validate(_content.Root, SiteRoutes.Portal).FirstOrDefault();

        Assert.NotNull(first);
        Assert.True(first.File == errorFile && first.Line == line && first.Message.Contains(message, StringComparison.Ordinal),
            $"expected {errorFile}:{line}: …{message}…, got {first}");
    }

    [Fact]
    public void Validate_QuizWithNineQuestions_IsRefused()
    {
        _content.Write(FirstQuiz, DojoTestContent.Quiz("white-first-steps", questions: 9));

        var errors = CurriculumValidator.Validate(_content.Root, SiteRoutes.Portal);

        Assert.Contains(errors, e => e.File == FirstQuiz && e.Message.Contains("at least 10 questions, this one has 9", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ModuleWithoutQuiz_IsRefused()
    {
        File.Delete(Path.Combine(_content.Root, FirstQuiz));

        var error = CurriculumValidator.Validate(_content.Root, SiteRoutes.Portal)[0];

        Assert.Equal($"{First}:1: no quiz for 'white-first-steps': add white/01-first-steps.quiz.yaml with 'module: white-first-steps'", error.ToString());
    }

    [Theory]
    [InlineData("/catalog", true)]
    [InlineData("/catalog/default/component/payments-api", true)]
    [InlineData("/dora", true)]
    [InlineData("/create", true)]
    [InlineData("/catalog/default/component", false)]
    [InlineData("/wiki", false)]
    public void SiteRoutes_MatchesThePortalsPages(string path, bool known) => Assert.Equal(known, SiteRoutes.Portal.Matches(path));

    public void Dispose() => _content.Dispose();
}
