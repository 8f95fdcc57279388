using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.Tests.Features.Dojo;

public sealed class CurriculumLoaderTests : IDisposable
{
    private readonly DojoTestContent _content = new();

    [Fact]
    public void Load_ValidFolder_ReadsBeltsModulesQuizzesAndRecommendations()
    {
        var load = CurriculumLoader.Load(_content.Root);

        Assert.Empty(load.Errors);
        var c = load.Curriculum;
        Assert.Equal(["white", "yellow"], c.Belts.Select(b => b.Id));
        Assert.Equal(15, c.Belt("white")!.AssessmentQuestions);
        Assert.Equal([DojoTestContent.FirstModule, DojoTestContent.SecondModule, DojoTestContent.YellowModule], c.Modules.Select(m => m.Id));
        var first = c.Module(DojoTestContent.FirstModule)!;
        Assert.Equal(["Objectives", "Theory", "Demo", "Lab", "Knowledge check", "Reflection"], first.Parts.Select(p => p.Title));
        Assert.Equal([5, 20, 10, 15, 5, 5], first.Parts.Select(p => p.Minutes ?? -1));
        Assert.Equal(["entity", "dora-events"], first.Lab!.Checks.Select(l => l.Type));
        Assert.Equal(new[] { "backstage.io/kubernetes-id" }, first.Lab.Checks[0].Parameters["annotations"]);
        Assert.Equal(30, first.Lab.Checks[1].Parameters["days"]);
        Assert.Equal(10, c.QuizOf(DojoTestContent.FirstModule)!.Questions.Count);
        Assert.Equal([DojoTestContent.YellowModule], c.Recommendations.Single().Modules);
        Assert.Equal((c.Module(DojoTestContent.FirstModule), c.Module(DojoTestContent.YellowModule)), c.Neighbours(DojoTestContent.SecondModule));
    }

    [Fact]
    public void Load_UnknownFrontMatterField_ReportsFileAndLine()
    {
        _content.Replace("white/01-first-steps.md", "minutes: 60", "minuts: 60");

        var error = CurriculumLoader.Load(_content.Root).Errors.First();

        Assert.Equal("white/01-first-steps.md", error.File);
        Assert.Equal(6, error.Line);
        Assert.Contains("unknown field 'minuts'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidYamlInQuiz_ReportsTheLine()
    {
        _content.Replace("white/02-dora-basics.quiz.yaml", "passPercent: 80", "passPercent: [80");

        var error = CurriculumLoader.Load(_content.Root).Errors.Single();

        Assert.Equal("white/02-dora-basics.quiz.yaml", error.File);
        Assert.InRange(error.Line, 2, 4);
        Assert.Contains("invalid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HeadingInsideCodeFence_IsNotAPart()
    {
        _content.Replace("white/01-first-steps.md", "More theory.", "```markdown\n## Not a part (3 min)\n```");

        var module = CurriculumLoader.Load(_content.Root).Curriculum.Module(DojoTestContent.FirstModule)!;

        Assert.Equal(6, module.Parts.Count);
    }

    public void Dispose() => _content.Dispose();
}
