using System.Globalization;
using System.Text;
using Fawkes.Portal.Features.Dojo.Certificates;

namespace Fawkes.Portal.Features.Dojo.Team;

/// <summary>Pure: the team view as CSV (RFC 4180), one row per member.</summary>
public static class TeamCsv
{
    public const string Header = "login,displayName,belt,workingOn,modulesPassed,modules,stuckOn,lastActivity";

    public static string Write(TeamProgress team)
    {
        ArgumentNullException.ThrowIfNull(team);
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var m in team.Members)
        {
            string[] cells =
            [
                m.Login, m.DisplayName, m.Belt ?? TeamProgressCalculator.NoBelt, m.WorkingOn ?? "", m.ModulesPassed.ToString(CultureInfo.InvariantCulture),
                m.Modules.ToString(CultureInfo.InvariantCulture), m.StuckOn ?? "", m.LastActivity is { } at ? BadgeDocuments.Timestamp(at) : "",
            ];
            csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>Quoted when needed; a cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.</summary>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
