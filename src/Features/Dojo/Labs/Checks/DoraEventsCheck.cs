using System.Globalization;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dora;

namespace Fawkes.Portal.Features.Dojo.Labs.Checks;

/// <summary>
/// <c>dora-events</c>: at least <c>minDeployments</c> production deployments of the service reached the DORA store in the
/// last <c>days</c> (today included), and their median lead time is under <c>maxLeadTimeHours</c> when given.
/// </summary>
public sealed class DoraEventsCheck(DoraService dora, TimeProvider time) : ILabCheck
{
    public string Type => "dora-events";

    public async Task<LabCheckResult> RunAsync(LabTarget target, LabCheck check, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(check);
        var (days, minimum, maxHours) = (Math.Max(1, LabParameters.Int(check, "days", 30)), LabParameters.Int(check, "minDeployments", 1),
            LabParameters.Number(check, "maxLeadTimeHours"));
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var totals = (await dora.SummaryAsync(new DoraScope(Service: target.Name), today.AddDays(1 - days), today, ct)).Totals;
        var tab = target.Tab("dora");
        var counted = $"{totals.Deployments} production deployment{(totals.Deployments == 1 ? "" : "s")} of {target.Name} in the last {days} days";
        if (totals.Deployments < minimum)
        {
            return LabCheckResult.Fail(Type, $"{counted}; the lab needs {minimum}. Deploy it (a Sync on its ArgoCD tab, or a pipeline run) and check "
                + "that deployments reach the portal: the DORA tab lists them, and DORA → Data quality shows events that matched no service.", tab);
        }
        if (maxHours is not { } bound)
        {
            return LabCheckResult.Pass(Type, $"{counted} (needs {minimum}).", tab);
        }
        if (totals.LeadTime.Median is not { } medianMinutes)
        {
            return LabCheckResult.Fail(Type, $"{counted}, but no lead time could be measured: deployments need the pull requests or commits they "
                + "shipped (send commits with each deployment, or set github.com/project-slug so the portal can compare them).", tab);
        }
        var hours = medianMinutes / 60.0;
        var shown = hours.ToString("0.#", CultureInfo.InvariantCulture);
        return hours <= bound
            ? LabCheckResult.Pass(Type, $"{counted}; median lead time {shown} h (bound {bound.ToString(CultureInfo.InvariantCulture)} h).", tab)
            : LabCheckResult.Fail(Type, $"{counted}, but the median lead time is {shown} h, over the lab's {bound.ToString(CultureInfo.InvariantCulture)} h. "
                + "The DORA tab breaks it into coding, pickup, review and deploy: shorten the longest part (smaller pull requests, faster "
                + "reviews, deploying on merge).", tab);
    }
}
