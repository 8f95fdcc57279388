namespace Fawkes.Portal.Features.Dojo.Review;

/// <summary>The spaced-review intervals: a missed question returns after 1 day, then 3, 7 and 21 days while answered right.</summary>
public static class ReviewSchedule
{
    public static readonly IReadOnlyList<int> IntervalDays = [1, 3, 7, 21];

    /// <summary>Questions in one daily review at most: short enough to do every day.</summary>
    public const int DailyQuestions = 5;

    /// <summary>The stage and due time after a review answer; null when the question is learned (retired).</summary>
    public static (int Stage, DateTimeOffset DueAt)? After(int stage, bool correct, DateTimeOffset now)
    {
        if (!correct)
        {
            return (0, now.AddDays(IntervalDays[0]));
        }
        var next = stage + 1;
        return next >= IntervalDays.Count ? null : (next, now.AddDays(IntervalDays[next]));
    }
}
