namespace Fawkes.Portal.Integrations.ArgoCd;

/// <summary>The answer of <c>GET /api/live/{kind}/{namespace}/{name}/argocd</c> and the ArgoCD tab's data (one shape for both).</summary>
/// <param name="Message">Why nothing was asked (no annotation, no instance), else null.</param>
public sealed record ArgoCdAnswer(
    string? AppName, string? AppSelector, string? InstanceName, IReadOnlyList<ArgoCdAppView> Applications, IReadOnlyList<ArgoCdProblem> Problems,
    IReadOnlyList<ArgoCdInstanceView> Instances, string? Message, DateTimeOffset FetchedAt);

/// <summary>One instance's status (<see cref="IntegrationStatus"/>) and why it is not <c>ok</c>.</summary>
public sealed record ArgoCdInstanceView(string Name, string Status, string? Error, long? LatencyMs, bool Demo);

/// <param name="SyncStatus">Synced, OutOfSync or Unknown.</param>
/// <param name="Health">Healthy, Progressing, Degraded, Suspended, Missing or Unknown.</param>
/// <param name="Revision">The revision the live state was compared to (the last synced commit).</param>
public sealed record ArgoCdAppView(
    string Instance, string Name, string Namespace, string? Project, string SyncStatus, string Health, string? HealthMessage,
    string? Revision, string? TargetRevision, string? RepoUrl, IReadOnlyList<string> Images, ArgoCdOperationView? Operation,
    IReadOnlyList<ArgoCdResourceView> Resources, IReadOnlyList<ArgoCdDeploymentView> History, bool ResourceTreeRead);

/// <param name="Phase">Running, Succeeded, Failed, Error or Terminating.</param>
public sealed record ArgoCdOperationView(
    string Phase, string? Message, string? Revision, string? InitiatedBy, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    IReadOnlyList<ArgoCdResourceView> FailedResources);

/// <summary>A resource of the application (from the resource tree or a sync result) that is not healthy or failed to sync.</summary>
public sealed record ArgoCdResourceView(string Kind, string Namespace, string Name, string Status, string? Message);

/// <summary>One entry of <c>status.history</c>, newest first, with the commit's author where ArgoCD could tell.</summary>
public sealed record ArgoCdDeploymentView(
    long Id, string? Revision, DateTimeOffset? DeployedAt, DateTimeOffset? DeployStartedAt, double? DurationSeconds, string? Author,
    string? CommitMessage, string? InitiatedBy);

/// <summary>
/// Something wrong with an application, said plainly with what to do. Field names are the API contract of the
/// <c>problems</c> array (as Kubernetes' with <c>instance</c> for <c>cluster</c>); every field is non-empty.
/// </summary>
/// <param name="Kind">The ArgoCD object type (<c>Application</c>) or the kind of the degraded resource.</param>
/// <param name="Reason">ArgoCD's own word (<c>OutOfSync</c>, <c>Degraded</c>, <c>Missing</c>) or <c>SyncFailed</c>.</param>
public sealed record ArgoCdProblem(
    string Instance, string Kind, string Resource, string Namespace, string Severity, string Reason, string Message, string Suggestion);
