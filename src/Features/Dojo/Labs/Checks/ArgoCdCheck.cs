using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Integrations;
using Fawkes.Portal.Integrations.ArgoCd;

namespace Fawkes.Portal.Features.Dojo.Labs.Checks;

/// <summary><c>argocd</c>: every ArgoCD application of the service is Synced and Healthy.</summary>
public sealed class ArgoCdCheck(ArgoCdLiveService argo) : ILabCheck
{
    public string Type => "argocd";

    public async Task<LabCheckResult> RunAsync(LabTarget target, LabCheck check, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var tab = target.Tab("argocd");
        var selector = ArgoCdSelector.FromAnnotations(target.Annotation);
        var answer = await argo.GetAsync(selector, ct);
        if (answer.Message is { } message)
        {
            return LabCheckResult.Fail(Type, message, selector is null ? target.Page : null);
        }
        if (answer.Applications.Count == 0)
        {
            var failed = answer.Instances.Where(i => i.Status != IntegrationStatus.Ok).Select(i => i.Error ?? $"{i.Name}: {i.Status}.").ToList();
            return LabCheckResult.Fail(Type, failed.Count > 0
                ? "No ArgoCD application could be read: " + string.Join(" ", failed) + " Run the checks again later."
                : $"No ArgoCD instance holds the application {selector!.AppName ?? selector.AppSelector}: check the entity's argocd/* annotations.",
                failed.Count > 0 ? tab : target.Page);
        }
        var bad = answer.Applications.Where(a => a.SyncStatus != "Synced" || a.Health != "Healthy").ToList();
        if (bad.Count == 0)
        {
            return LabCheckResult.Pass(Type, string.Join("; ", answer.Applications.Select(a => $"{a.Name} on {a.Instance} is Synced and Healthy")) + ".", tab);
        }
        var running = bad.Any(a => a.Operation?.Phase == "Running");
        var found = string.Join("; ", bad.Select(a => $"{a.Name} on {a.Instance} is {a.SyncStatus} and {a.Health}"
            + (a.HealthMessage is { } h ? $" ({h})" : "")));
        return LabCheckResult.Fail(Type, found + ". " + (running
            ? "A sync is running: run the checks again when it has finished."
            : "Open the ArgoCD tab, read its problems and Sync the application (owners with the Developer role, a PlatformLead or an "
                + "Admin may), then run the checks again once it shows Synced and Healthy."), tab);
    }
}
