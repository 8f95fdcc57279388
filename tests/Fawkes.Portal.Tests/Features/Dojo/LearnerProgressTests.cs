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
    public void Compute_NextModuleIsTheFirstWithoutAPassedQuiz()
    {
        var curriculum = CurriculumLoader.Load(_content.Root).Curriculum;
        var at = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var record = new LearnerRecord(
            [new DojoPartRead { Login = "ada", ModuleId = DojoTestContent.FirstModule, Part = "theory", ReadAt = at }],
            [Attempt(DojoTestContent.FirstModule, 60, false, at), Attempt(DojoTestContent.FirstModule, 90, true, at)],
            []);

        var progress = LearnerProgress.Compute(curriculum, record, Today);

        Assert.Equal(DojoTestContent.SecondModule, progress.NextModule);
        Assert.Equal("white", progress.CurrentBelt);
        Assert.Equal((2, 90, true), (progress.For(DojoTestContent.FirstModule).Attempts, progress.For(DojoTestContent.FirstModule).BestScore,
            progress.For(DojoTestContent.FirstModule).QuizPassed));
        Assert.Equal(1, progress.Belts[0].ModulesPassed);
        Assert.Equal(1, progress.StreakDays);
    }

    private static DojoQuizAttempt Attempt(string module, int score, bool passed, DateTimeOffset at) =>
        new() { Login = "ada", ModuleId = module, ScorePercent = score, Passed = passed, Correct = score / 10, Total = 10, SubmittedAt = at };

    public void Dispose() => _content.Dispose();
}
