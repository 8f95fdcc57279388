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

    public static string PerWeek(int deployments, int days) =>
        (deployments / Math.Max(1.0, days / 7.0)).ToString("0.#", CultureInfo.InvariantCulture) + " / week";

    public static string LevelClass(string? level) => $"level level--{level ?? "none"}";
}
