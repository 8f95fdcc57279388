namespace Fawkes.Portal.Features.Dora.Calculation;

/// <summary>The arithmetic rules: spans, medians, periods. All times UTC, durations in whole minutes.</summary>
public static class DoraMath
{
    /// <summary>R5: ceil of (b − a) in minutes; null when negative or either end is missing.</summary>
    public static long? Span(DateTimeOffset? a, DateTimeOffset? b)
    {
        if (a is null || b is null || b < a)
        {
            return null;
        }
        return (long)Math.Ceiling((b.Value - a.Value).TotalMinutes);
    }

    /// <summary>R9/R10: floor of (b − a) in minutes; null when negative.</summary>
    public static long? FloorMinutes(DateTimeOffset a, DateTimeOffset b) => b < a ? null : (long)Math.Floor((b - a).TotalMinutes);

    /// <summary>R11: the lower median, sorted[(n − 1) div 2]; empty → null.</summary>
    public static T? Median<T>(IEnumerable<T> values) where T : struct, IComparable<T>
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null : sorted[(sorted.Count - 1) / 2];
    }

    /// <summary>The 90th percentile by nearest rank, sorted[ceil(0.9 n) − 1]; empty → null.</summary>
    public static T? P90<T>(IEnumerable<T> values) where T : struct, IComparable<T>
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null : sorted[(int)Math.Ceiling(0.9 * sorted.Count) - 1];
    }

    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    /// <summary>A window of whole UTC days as instants: [start of <paramref name="from"/>, start of the day after <paramref name="to"/>).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Bounds(DateOnly from, DateOnly to) =>
        (new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    /// <summary>The Monday that starts the week of a date.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>R2: the period label: <c>2024-01</c> for months, the Monday's date (<c>2024-01-15</c>) for weeks.</summary>
    public static string Period(DateOnly day, Bucket bucket) => bucket == Bucket.Month
        ? day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)
        : WeekStart(day).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every period overlapping [from, to], in order (so empty periods are reported too).</summary>
    public static IReadOnlyList<string> Periods(DateOnly from, DateOnly to, Bucket bucket)
    {
        var periods = new List<string>();
        var day = bucket == Bucket.Month ? new DateOnly(from.Year, from.Month, 1) : WeekStart(from);
        while (day <= to)
        {
            periods.Add(Period(day, bucket));
            day = bucket == Bucket.Month ? day.AddMonths(1) : day.AddDays(7);
        }
        return periods;
    }
}
