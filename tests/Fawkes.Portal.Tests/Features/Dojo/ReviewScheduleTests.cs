using Fawkes.Portal.Features.Dojo.Review;

namespace Fawkes.Portal.Tests.Features.Dojo;

public sealed class ReviewScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 1, 3)]
    [InlineData(1, 2, 7)]
    [InlineData(2, 3, 21)]
    public void A_right_answer_moves_the_question_to_the_next_interval(int stage, int nextStage, int days) =>
        Assert.Equal((nextStage, Now.AddDays(days)), ReviewSchedule.After(stage, correct: true, Now));

    [Fact]
    public void A_right_answer_at_the_21_day_review_retires_the_question() =>
        Assert.Null(ReviewSchedule.After(3, correct: true, Now));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_wrong_answer_starts_over_tomorrow(int stage) =>
        Assert.Equal((0, Now.AddDays(1)), ReviewSchedule.After(stage, correct: false, Now));
}
