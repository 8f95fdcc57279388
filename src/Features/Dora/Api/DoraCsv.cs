using System.Globalization;
using System.Text;
using Fawkes.Portal.Features.Dora.Calculation;

namespace Fawkes.Portal.Features.Dora.Api;

/// <summary>The metrics rows as CSV (minutes, rates as fractions), for spreadsheets.</summary>
internal static class DoraCsv
{
    public static string Write(IReadOnlyList<DoraRow> rows)
    {
        var csv = new StringBuilder("period,deployments,deploymentDays,failedDeployments,deploymentsWithIncident,changeFailureRate,leadTimeN,leadTimeMedian,leadTimeP90,commitToDeployMedian,fdrtN,fdrtMedian,timeToRestoreN,timeToRestoreMedian,reworkDeployments,reworkRate\n");
        foreach (var r in rows)
        {
            csv.AppendLine(string.Join(',', new object?[]
            {
                r.Period, r.Deployments, r.DeploymentDays, r.FailedDeployments, r.DeploymentsWithIncident, r.ChangeFailureRate,
                r.LeadTime.N, r.LeadTime.Median, r.LeadTime.P90, r.CommitToDeploy.Median, r.Fdrt.N, r.Fdrt.Median,
                r.TimeToRestore.N, r.TimeToRestore.Median, r.ReworkDeployments, r.ReworkRate,
            }.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        }
        return csv.ToString();
    }
}
