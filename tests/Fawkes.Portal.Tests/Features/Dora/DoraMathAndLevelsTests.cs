using Fawkes.Portal.Features.Dora.Calculation;

namespace Fawkes.Portal.Tests.Features.Dora;

public sealed class DoraMathAndLevelsTests
{
    private static DateTimeOffset T(string s) => DateTimeOffset.Parse(s + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2024-01-01T00:00:00", "2024-01-01T00:00:00", 0L)]
    [InlineData("2024-01-01T00:00:00", "2024-01-01T00:00:01", 1L)]
    [InlineData("2024-01-01T00:00:00", "2024-01-01T00:01:00", 1L)]
    [InlineData("2024-01-01T00:00:00", "2024-01-01T00:01:01", 2L)]
    [InlineData("2024-01-01T00:01:00", "2024-01-01T00:00:00", null)]
    public void Span_is_the_ceiling_in_minutes_and_null_when_negative(string a, string b, long? expected) =>
        Assert.Equal(expected, DoraMath.Span(T(a), T(b)));

    [Theory]
    [InlineData(new long[0], null, null)]
    [InlineData(new long[] { 5 }, 5L, 5L)]
    [InlineData(new long[] { 9, 1 }, 1L, 9L)]
    [InlineData(new long[] { 3, 1, 2 }, 2L, 3L)]
    [InlineData(new long[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 }, 50L, 90L)]
    public void Median_is_the_lower_median_and_p90_the_nearest_rank(long[] values, long? median, long? p90)
    {
        Assert.Equal(median, DoraMath.Median(values));
        Assert.Equal(p90, DoraMath.P90(values));
    }

    [Theory]
    [InlineData("2024-01-01", "2024-01-01")] // a Monday
    [InlineData("2024-01-07", "2024-01-01")] // Sunday belongs to the week that started Monday
    [InlineData("2024-01-08", "2024-01-08")]
    public void Weeks_start_on_monday(string day, string monday) =>
        Assert.Equal(monday, DoraMath.Period(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), Bucket.Week));

    [Fact]
    public void Every_period_overlapping_the_window_is_listed()
    {
        Assert.Equal(["2024-01", "2024-02", "2024-03"], DoraMath.Periods(new DateOnly(2024, 1, 31), new DateOnly(2024, 3, 1), Bucket.Month));
        Assert.Equal(["2024-01-01", "2024-01-08"], DoraMath.Periods(new DateOnly(2024, 1, 7), new DateOnly(2024, 1, 8), Bucket.Week));
    }

    [Theory]
    [InlineData(1439L, "elite")]
    [InlineData(1440L, "high")]
    [InlineData(10079L, "high")]
    [InlineData(10080L, "medium")]
    [InlineData(43200L, "low")]
    [InlineData(null, null)]
    public void Lead_time_levels_2023_use_strict_bounds(long? minutes, string? level) =>
        Assert.Equal(level, DoraLevels.Below(minutes, 1_440, 10_080, 43_200));

    [Theory]
    [InlineData(0.05, "elite")]
    [InlineData(0.0501, "high")]
    [InlineData(0.10, "high")]
    [InlineData(0.15, "medium")]
    [InlineData(0.16, "low")]
    public void Change_failure_levels_2023_use_inclusive_bounds(double rate, string level) =>
        Assert.Equal(level, DoraLevels.AtMost(rate, 0.05, 0.10, 0.15));

    [Fact]
    public void Deployment_frequency_levels_come_from_weekly_and_monthly_deployment_days()
    {
        // Deploys on 5 distinct days in every week of January 2024 → elite in both benchmarks.
        var deployments = new List<DeploymentEvent> { new("base", "pay", "production", "success", T("2023-12-01T10:00:00"), T("2023-12-01T10:05:00"), []) };
        for (var day = new DateOnly(2024, 1, 1); day <= new DateOnly(2024, 1, 31); day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
                deployments.Add(new($"d{day:dd}", "pay", "production", "success", at, at.AddMinutes(5), []));
            }
        }

        var busy = DoraCalculator.Summarize(new DoraInput(deployments, [], []), new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31));
        var quiet = DoraCalculator.Summarize(new DoraInput(deployments.Take(2).ToList(), [], []), new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31));
        var none = DoraCalculator.Summarize(new DoraInput(deployments.Take(1).ToList(), [], []), new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31));

        Assert.Equal(("elite", "elite"), (busy.Levels2023.DeploymentFrequency, busy.Levels2021.DeploymentFrequency));
        // One deployment day in January: weekly median 0, monthly median 1 → medium (2023), high (2021).
        Assert.Equal(("medium", "high"), (quiet.Levels2023.DeploymentFrequency, quiet.Levels2021.DeploymentFrequency));
        // Nothing in January, but a deployment within the last six months → low (2023), medium (2021).
        Assert.Equal(("low", "medium"), (none.Levels2023.DeploymentFrequency, none.Levels2021.DeploymentFrequency));
        Assert.Equal(5, busy.WeeklyDeploymentDays.Count);
    }
}
