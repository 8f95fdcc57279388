namespace Fawkes.Portal.Integrations.Jenkins;

/// <summary>
/// The answer of <c>GET /api/live/{kind}/{namespace}/{name}/jenkins</c> and the Jenkins tab's data (one shape for both).
/// </summary>
/// <param name="Job">The job read (a multibranch project's branch job included), null when nothing was asked.</param>
/// <param name="Branches">A multibranch project's branches; empty for a plain job.</param>
/// <param name="LastRun">Stage view of the newest build, with the failed stage's console tail.</param>
/// <param name="Message">Why nothing was asked (no annotation, no instance), else null.</param>
public sealed record JenkinsAnswer(
    string? Instance, string? Job, string? Branch, IReadOnlyList<string> Branches, string? Url, IReadOnlyList<JenkinsBuildView> Builds,
    JenkinsRunView? LastRun, IReadOnlyList<JenkinsProblem> Problems, IReadOnlyList<JenkinsInstanceView> Instances, string? Message,
    DateTimeOffset FetchedAt);

/// <param name="Result">Jenkins' result (<c>SUCCESS</c>, <c>FAILURE</c>, <c>UNSTABLE</c>, <c>ABORTED</c>, <c>NOT_BUILT</c>), or <c>BUILDING</c>.</param>
public sealed record JenkinsBuildView(
    int Number, string Result, long? DurationMs, DateTimeOffset? StartedAt, string? Branch, string? Commit, JenkinsTestSummary? Tests, string? Url);

public sealed record JenkinsTestSummary(int Total, int Failed, int Skipped);

/// <param name="Status">wfapi's run status: <c>SUCCESS</c>, <c>FAILED</c>, <c>IN_PROGRESS</c>, <c>UNSTABLE</c>, <c>ABORTED</c> …</param>
/// <param name="FailedStage">The first failed stage's name, whose failed step's log is <paramref name="ConsoleTail"/>.</param>
public sealed record JenkinsRunView(
    int Number, string Status, IReadOnlyList<JenkinsStageView> Stages, string? FailedStage, string? ConsoleTail, string? ConsoleUrl);

public sealed record JenkinsStageView(string Id, string Name, string Status, long DurationMs, DateTimeOffset? StartedAt);

/// <summary>An instance's status (<see cref="IntegrationStatus"/>); <see cref="Error"/> is safe to show.</summary>
public sealed record JenkinsInstanceView(string Name, string Status, string? Error, long? LatencyMs, bool Demo);

/// <summary>Same fields as every live panel's problems; <see cref="Instance"/> where Kubernetes says cluster.</summary>
/// <param name="Kind"><c>Build</c> (a build's result) or <c>Stage</c>.</param>
/// <param name="Namespace">The job's folder.</param>
public sealed record JenkinsProblem(
    string Instance, string Kind, string Resource, string Namespace, string Severity, string Reason, string Message, string Suggestion);
