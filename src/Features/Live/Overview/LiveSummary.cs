using System.Globalization;
using Fawkes.Portal.Integrations;
using Fawkes.Portal.Integrations.ArgoCd;
using Fawkes.Portal.Integrations.Jenkins;
using Fawkes.Portal.Integrations.Kubernetes;
using Fawkes.Portal.Integrations.Kubernetes.Problems;
using Fawkes.Portal.Integrations.SonarQube;

namespace Fawkes.Portal.Features.Live.Overview;

/// <summary>How an item of the overview strip looks: its colour and icon.</summary>
public static class SummaryTone
{
    public const string Ok = "ok";
    public const string Warning = "warning";
    public const string Error = "error";

    /// <summary>The system could not be asked (unreachable, unauthorized …): the item says so, with the reason as detail.</summary>
    public const string Unknown = "unknown";
}

/// <summary>One item of the overview strip: a few words, a tone, and why (shown on hover and read by screen readers).</summary>
/// <param name="Tab">The entity tab it links to.</param>
/// <param name="Problems">The system's open problems, by severity (<see cref="ProblemSeverity"/>).</param>
public sealed record SummaryItem(string Tab, string System, string Text, string Tone, string? Detail, IReadOnlyList<string> Problems);

/// <summary>Each live answer in a few words: the overview strip's and the catalog's health column's. Pure.</summary>
public static class LiveSummary
{
    public static SummaryItem Kubernetes(KubernetesAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var severities = answer.Problems.Select(p => p.Severity).ToList();
        if (Failed(answer.Message, answer.Clusters.Select(c => (c.Name, c.Status, c.Error)), "kubernetes", "Kubernetes", severities) is { } failed)
        {
            return failed;
        }
        var ok = answer.Clusters.Where(c => c.Status == IntegrationStatus.Ok).ToList();
        var workloads = ok.SelectMany(c => c.Deployments.Concat(c.StatefulSets).Concat(c.DaemonSets)).ToList();
        var (ready, desired) = workloads.Count > 0
            ? (workloads.Sum(w => w.Ready), workloads.Sum(w => w.Desired))
            : (ok.Sum(c => c.Pods.Count(p => p.Phase == "Running" && p.ReadyContainers == p.TotalContainers)), ok.Sum(c => c.Pods.Count));
        if (desired == 0 && workloads.Count == 0)
        {
            return new("kubernetes", "Kubernetes", "no workloads", SummaryTone.Warning, "No Deployment, StatefulSet, DaemonSet or Pod matches this entity.", severities);
        }
        var down = answer.Clusters.Where(c => c.Status != IntegrationStatus.Ok).Select(c => $"{c.Name}: {c.Status}").ToList();
        var tone = Worst(severities, ready < desired || down.Count > 0 ? SummaryTone.Warning : SummaryTone.Ok);
        return new("kubernetes", "Kubernetes", $"running {ready}/{desired}", tone,
            $"{ready} of {desired} replicas ready in {ok.Count} cluster(s)" + (down.Count > 0 ? $"; not answering: {string.Join(", ", down)}" : "") + ".", severities);
    }

    public static SummaryItem ArgoCd(ArgoCdAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var severities = answer.Problems.Select(p => p.Severity).ToList();
        if (Failed(answer.Message, answer.Instances.Select(i => (i.Name, i.Status, i.Error)), "argocd", "ArgoCD", severities) is { } failed)
        {
            return failed;
        }
        if (answer.Applications.Count == 0)
        {
            return new("argocd", "ArgoCD", "no application", SummaryTone.Warning, "No ArgoCD instance holds an application of this entity.", severities);
        }
        var sync = answer.Applications.Select(a => a.SyncStatus).MaxBy(s => s switch { "OutOfSync" => 2, "Synced" => 0, _ => 1 })!;
        var health = answer.Applications.Select(a => a.Health)
            .MaxBy(h => h switch { "Degraded" => 5, "Missing" => 4, "Progressing" => 3, "Suspended" => 2, "Healthy" => 0, _ => 1 })!;
        var tone = Worst(severities, sync == "Synced" && health == "Healthy" ? SummaryTone.Ok : SummaryTone.Warning);
        return new("argocd", "ArgoCD", $"{sync} · {health}", tone,
            string.Join("; ", answer.Applications.Select(a => $"{a.Name} on {a.Instance}: {a.SyncStatus}, {a.Health}")), severities);
    }

    public static SummaryItem Jenkins(JenkinsAnswer answer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var severities = answer.Problems.Select(p => p.Severity).ToList();
        if (Failed(answer.Message, answer.Instances.Select(i => (i.Name, i.Status, i.Error)), "jenkins", "Jenkins", severities) is { } failed)
        {
            return failed;
        }
        if (answer.Builds.MaxBy(b => b.Number) is not { } last)
        {
            return new("jenkins", "Jenkins", "no builds", SummaryTone.Warning, $"Job {answer.Job} has no builds yet.", severities);
        }
        var (word, tone) = last.Result switch
        {
            "SUCCESS" => ("passed", SummaryTone.Ok),
            "FAILURE" => ("failed", SummaryTone.Error),
            "UNSTABLE" => ("unstable", SummaryTone.Warning),
            "BUILDING" => ("building", SummaryTone.Ok),
            "ABORTED" => ("aborted", SummaryTone.Warning),
            _ => (last.Result.ToLowerInvariant(), SummaryTone.Warning),
        };
        var ago = last.StartedAt is { } at ? " · " + Ago(now - at) : "";
        return new("jenkins", "Jenkins", $"#{last.Number} {word}{ago}", Worst(severities, tone),
            $"Last build of {answer.Job}: #{last.Number} {last.Result}" + (last.Branch is { } b ? $" on {b}" : "") + ".", severities);
    }

    public static SummaryItem SonarQube(SonarQubeAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var severities = answer.Problems.Select(p => p.Severity).ToList();
        if (Failed(answer.Message, answer.Instances.Select(i => (i.Name, i.Status, i.Error)), "sonarqube", "Quality gate", severities) is { } failed)
        {
            return failed;
        }
        var status = answer.QualityGate?.Status ?? "NONE";
        var failing = answer.QualityGate?.Conditions.Count(c => c.Status == "ERROR") ?? 0;
        return status switch
        {
            "OK" => new("sonarqube", "Quality gate", "passed", SummaryTone.Ok, $"Quality gate of {answer.ProjectKey} passed.", severities),
            "ERROR" => new("sonarqube", "Quality gate", "failed", SummaryTone.Error,
                $"Quality gate of {answer.ProjectKey} failed: {failing} condition(s) not met.", severities),
            "WARN" => new("sonarqube", "Quality gate", "warning", SummaryTone.Warning, $"Quality gate of {answer.ProjectKey} warns.", severities),
            _ => new("sonarqube", "Quality gate", "not computed", SummaryTone.Warning, $"SonarQube has no gate result for {answer.ProjectKey}.", severities),
        };
    }

    /// <summary>"3 min ago", "5 h ago", "2 d ago".</summary>
    internal static string Ago(TimeSpan span) =>
        span.TotalMinutes < 1 ? "just now"
        : span.TotalHours < 1 ? $"{(int)span.TotalMinutes} min ago"
        : span.TotalDays < 1 ? $"{(int)span.TotalHours} h ago"
        : $"{((int)span.TotalDays).ToString(CultureInfo.InvariantCulture)} d ago";

    /// <summary>Nothing asked (a message), or every instance failed: the item names the status and keeps the reason as detail.</summary>
    private static SummaryItem? Failed(string? message, IEnumerable<(string Name, string Status, string? Error)> instances, string tab, string system,
        IReadOnlyList<string> severities)
    {
        if (message is not null)
        {
            return new(tab, system, "not set up", SummaryTone.Unknown, message, severities);
        }
        var all = instances.ToList();
        if (all.Count > 0 && all.All(i => i.Status != IntegrationStatus.Ok))
        {
            var first = all[0];
            return new(tab, system, first.Status, SummaryTone.Unknown, string.Join(" ", all.Select(i => i.Error ?? $"{i.Name}: {i.Status}")), severities);
        }
        return null;
    }

    private static string Worst(IReadOnlyList<string> severities, string tone) =>
        severities.Contains(ProblemSeverity.Error) ? SummaryTone.Error
        : tone == SummaryTone.Error ? tone
        : severities.Contains(ProblemSeverity.Warning) ? SummaryTone.Warning
        : tone;
}
