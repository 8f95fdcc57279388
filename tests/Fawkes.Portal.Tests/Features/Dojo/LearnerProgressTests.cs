using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Progress;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.Tests.Features.Dojo;

public sealed class LearnerProgressTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 30);
    private readonly DojoTestContent _content = new();

    [Theory]
    [InlineData(new int[0], 0)]
    [InlineData(new[] { 0 }, 1)]
    [InlineData(new[] { 1, 2 }, 2)]        // nothing yet today: yesterday's streak still counts
    [InlineData(new[] { 0, 1, 2, 4 }, 3)]  // a gap ends it
    [InlineData(new[] { 2, 3 }, 0)]
    public void Streak_CountsConsecutiveDaysEndingTodayOrYesterday(int[] daysAgo, int expected) =>
        Assert.Equal(expected, LearnerProgress.Streak(daysAgo.Select(d => Today.AddDays(-d)).ToHashSet(), Today));

    [Fact]
    public void Compute_AModuleWithALabIsNotPassedByItsQuizAlone()
    {
        var curriculum = CurriculumLoader.Load(_content.Root).Curriculum;
        var at = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var record = new LearnerRecord(
            [new DojoPartRead { Login = "ada", ModuleId = DojoTestContent.FirstModule, Part = "theory", ReadAt = at }],
            [Attempt(DojoTestContent.FirstModule, 60, false, at), Attempt(DojoTestContent.FirstModule, 90, true, at)],
            [],
            [Lab(DojoTestContent.FirstModule, false, at)]);

        var progress = LearnerProgress.Compute(curriculum, record, Today);

        var first = progress.For(DojoTestContent.FirstModule);
        Assert.Equal((2, 90, true), (first.Attempts, first.BestScore, first.QuizPassed));
        Assert.Equal((true, false, 1, false), (first.HasLab, first.LabPassed, first.LabRuns, first.Passed));
        Assert.Equal(DojoTestContent.FirstModule, progress.NextModule);
        Assert.Equal("white", progress.CurrentBelt);
        Assert.Equal(0, progress.Belts[0].ModulesPassed);
        Assert.Equal(1, progress.StreakDays);
    }

    [Fact]
    public void Compute_NextModuleIsTheFirstWithoutPassedQuizAndLab()
    {
        var curriculum = CurriculumLoader.Load(_content.Root).Curriculum;
        var at = new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
        var record = new LearnerRecord([], [Attempt(DojoTestContent.FirstModule, 90, true, at)], [],
            [Lab(DojoTestContent.FirstModule, false, at), Lab(DojoTestContent.FirstModule, true, at.AddMinutes(5))]);

        var progress = LearnerProgress.Compute(curriculum, record, Today);

        Assert.True(progress.For(DojoTestContent.FirstModule).Passed);
        Assert.Equal(("component:default/svc", 2), (progress.For(DojoTestContent.FirstModule).LastLabService, progress.For(DojoTestContent.FirstModule).LabRuns));
        Assert.Equal(DojoTestContent.SecondModule, progress.NextModule);
        Assert.Equal(1, progress.Belts[0].ModulesPassed);
    }

    private static DojoLabResult Lab(string module, bool passed, DateTimeOffset at) =>
        new() { Login = "ada", ModuleId = module, ServiceRef = "component:default/svc", Passed = passed, CheckedAt = at };

    private static DojoQuizAttempt Attempt(string module, int score, bool passed, DateTimeOffset at) =>
        new() { Login = "ada", ModuleId = module, ScorePercent = score, Passed = passed, Correct = score / 10, Total = 10, SubmittedAt = at };

    public void Dispose() => _content.Dispose();
}
