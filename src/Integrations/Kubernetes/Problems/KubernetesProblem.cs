namespace Fawkes.Portal.Integrations.Kubernetes.Problems;

/// <summary>
/// Something wrong with one of an entity's objects, said plainly with what to do about it. Field names are the API
/// contract of <c>GET /api/live/…/kubernetes</c>'s <c>problems</c> array; every field is non-empty.
/// </summary>
/// <param name="Kind">The Kubernetes kind the problem is reported on: container problems on <c>Pod</c>.</param>
/// <param name="Reason">Kubernetes' own reason string (<c>CrashLoopBackOff</c>, <c>Unschedulable</c> …) or a short PascalCase name.</param>
public sealed record KubernetesProblem(
    string Cluster, string Kind, string Resource, string Namespace, string Severity, string Reason, string Message, string Suggestion);

public static class ProblemSeverity
{
    public const string Error = "error";
    public const string Warning = "warning";
    public const string Info = "info";
}
