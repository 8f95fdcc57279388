namespace Fawkes.Portal.Features.Dora.Calculation;

/// <summary>R13: performance levels against the 2023 and 2021 DORA benchmarks.</summary>
public static class DoraLevels
{
    public const string Elite = "elite";
    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";

    public static Levels2023 For2023(IReadOnlyList<PeriodDays> weekly, IReadOnlyList<PeriodDays> monthly, DoraRow totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var weeklyMedian = DoraMath.Median(weekly.Select(w => w.Days)) ?? 0;
        var monthlyMedian = DoraMath.Median(monthly.Select(m => m.Days)) ?? 0;
        var frequency = weeklyMedian >= 5 ? Elite : weeklyMedian >= 1 ? High : monthlyMedian >= 1 ? Medium : Low;
        return new Levels2023(frequency,
            Below(totals.LeadTime.Median, 1_440, 10_080, 43_200),
            AtMost(totals.ChangeFailureRate, 0.05, 0.10, 0.15),
            Below(totals.Fdrt.Median, 60, 1_440, 10_080));
    }

    public static Levels2021 For2021(IReadOnlyList<PeriodDays> weekly, IReadOnlyList<PeriodDays> monthly, int deploymentDaysInLastSixMonths, DoraRow totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var weeklyMedian = DoraMath.Median(weekly.Select(w => w.Days)) ?? 0;
        var monthlyMedian = DoraMath.Median(monthly.Select(m => m.Days)) ?? 0;
        var frequency = weeklyMedian >= 5 ? Elite : monthlyMedian >= 1 ? High : deploymentDaysInLastSixMonths >= 1 ? Medium : Low;
        return new Levels2021(frequency,
            Below(totals.LeadTime.Median, 60, 10_080, 259_200),
            AtMost(totals.ChangeFailureRate, 0.15, 0.20, 0.30),
            Below(totals.TimeToRestore.Median, 60, 1_440, 10_080));
    }

    /// <summary>Durations: strictly below each bound; no data → no level.</summary>
    public static string? Below(long? minutes, long elite, long high, long medium) =>
        minutes is not { } m ? null : m < elite ? Elite : m < high ? High : m < medium ? Medium : Low;

    /// <summary>Rates: at most each bound; no deployments → no level.</summary>
    public static string? AtMost(double? rate, double elite, double high, double medium) =>
        rate is not { } r ? null : r <= elite ? Elite : r <= high ? High : r <= medium ? Medium : Low;
}
