using System.Globalization;

namespace Fawkes.Portal.Features.Dora.Pages;

/// <summary>How numbers read on the dashboards.</summary>
public static class DoraFormat
{
    public static string Duration(long? minutes) => minutes switch
    {
        null => "–",
        < 120 => $"{minutes} min",
        < 2_880 => (minutes.Value / 60.0).ToString("0.#", CultureInfo.InvariantCulture) + " h",
        _ => (minutes.Value / 1_440.0).ToString("0.#", CultureInfo.InvariantCulture) + " d",
    };

    public static string Percent(double? rate) => rate is null ? "–" : (rate.Value * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    /// <summary>"▲ 12 % vs previous 90 days", with whether that is good news; null without a previous value.</summary>
    public static (string Text, bool Good)? Change(double? now, double? before, bool higherIsBetter, int days)
    {
        if (now is null || before is null or 0)
        {
            return null;
        }
        var change = (now.Value - before.Value) / before.Value;
        var arrow = change > 0 ? "▲" : change < 0 ? "▼" : "•";
        // Ten times or more (a history that barely reaches the previous window) reads better as a factor: "▲ 112×", not "11100 %".
        var size = change >= 9
            ? (now.Value / before.Value).ToString("0", CultureInfo.InvariantCulture) + "×"
            : (Math.Abs(change) * 100).ToString("0", CultureInfo.InvariantCulture) + " %";
        return ($"{arrow} {size} vs previous {days} days", change == 0 || (change > 0) == higherIsBetter);
    }

    public static string PerWeek(int deployments, int days) =>
        (deployments / Math.Max(1.0, days / 7.0)).ToString("0.#", CultureInfo.InvariantCulture) + " / week";

    public static string LevelClass(string? level) => $"level level--{level ?? "none"}";
}
