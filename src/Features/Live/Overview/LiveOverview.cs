using Fawkes.Portal.Integrations.ArgoCd;
using Fawkes.Portal.Integrations.Jenkins;
using Fawkes.Portal.Integrations.Kubernetes;
using Fawkes.Portal.Integrations.SonarQube;

namespace Fawkes.Portal.Features.Live.Overview;

/// <summary>One system's summary of an entity, loaded on its own so a slow system never delays another.</summary>
public sealed record SummarySource(string Tab, string System, Func<CancellationToken, Task<SummaryItem>> LoadAsync);

/// <summary>
/// The systems an entity is mapped to (by its annotations), each summarised from the same live services, and so the
/// same shared caches, as its tab: the strip and the catalog's health column add no upstream calls of their own.
/// </summary>
public sealed class LiveOverview(
    KubernetesLiveService kubernetes, ArgoCdLiveService argo, JenkinsLiveService jenkins, SonarQubeLiveService sonar, TimeProvider time)
{
    public IReadOnlyList<SummarySource> SourcesFor(Func<string, string?> annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        var sources = new List<SummarySource>();
        if (KubernetesSelector.FromAnnotations(annotation) is { } selector)
        {
            sources.Add(new("kubernetes", "Kubernetes", async ct => LiveSummary.Kubernetes(await kubernetes.GetAsync(selector, ct))));
        }
        if (ArgoCdSelector.FromAnnotations(annotation) is { } apps)
        {
            sources.Add(new("argocd", "ArgoCD", async ct => LiveSummary.ArgoCd(await argo.GetAsync(apps, ct))));
        }
        if (annotation(JenkinsJobRef.Annotation) is { Length: > 0 } job)
        {
            sources.Add(new("jenkins", "Jenkins", async ct => Parsed("jenkins", "Jenkins", () => JenkinsJobRef.Parse(job)) is { } bad ? bad
                : LiveSummary.Jenkins(await jenkins.GetAsync(JenkinsJobRef.Parse(job), null, annotation(JenkinsJobRef.DefaultBranchAnnotation), ct),
                    time.GetUtcNow())));
        }
        if (annotation(SonarQubeProjectRef.Annotation) is { Length: > 0 } key)
        {
            sources.Add(new("sonarqube", "Quality gate", async ct => Parsed("sonarqube", "Quality gate", () => SonarQubeProjectRef.Parse(key)) is { } bad ? bad
                : LiveSummary.SonarQube(await sonar.GetAsync(SonarQubeProjectRef.Parse(key), ct))));
        }
        return sources;
    }

    /// <summary>An annotation that names nothing is shown as such, not thrown.</summary>
    private static SummaryItem? Parsed(string tab, string system, Func<object?> parse)
    {
        try
        {
            parse();
            return null;
        }
        catch (FormatException ex)
        {
            return new SummaryItem(tab, system, "bad annotation", SummaryTone.Unknown, ex.Message, []);
        }
    }
}
