namespace Fawkes.Portal.Integrations.SonarQube;

/// <summary>The answer of <c>GET /api/live/{kind}/{namespace}/{name}/sonarqube</c> and the quality panel's data (one shape for both).</summary>
/// <param name="DashboardUrl">The project's page in SonarQube (link out).</param>
/// <param name="Message">Why nothing was asked (no annotation, no instance), else null.</param>
public sealed record SonarQubeAnswer(
    string? Instance, string? ProjectKey, string? ProjectName, string? DashboardUrl, SonarQubeGateView? QualityGate, SonarQubeMeasuresView? Measures,
    IReadOnlyList<SonarQubeProblem> Problems, IReadOnlyList<SonarQubeInstanceView> Instances, string? Message, DateTimeOffset FetchedAt);

/// <param name="Status">SonarQube's gate status: <c>OK</c>, <c>WARN</c> (before SonarQube 7.6), <c>ERROR</c> or <c>NONE</c> (no analysis or no gate).</param>
public sealed record SonarQubeGateView(string Status, IReadOnlyList<SonarQubeConditionView> Conditions);

/// <param name="Metric">SonarQube's metric key (<c>new_coverage</c>); <paramref name="MetricName"/> is its plain name.</param>
/// <param name="Comparator"><c>LT</c> (fails below the threshold) or <c>GT</c> (fails above).</param>
/// <param name="Actual">As the panel shows it: a percentage with <c>%</c>, a rating as a letter.</param>
public sealed record SonarQubeConditionView(
    string Metric, string MetricName, string Status, string? Comparator, string? Threshold, string? Actual, bool OnNewCode);

/// <summary>The project's key measures (null where SonarQube has none, e.g. coverage of a project without a report).</summary>
public sealed record SonarQubeMeasuresView(int? Bugs, int? Vulnerabilities, int? CodeSmells, double? Coverage, double? Duplications);

/// <summary>An instance's status (<see cref="IntegrationStatus"/>); <see cref="Error"/> is safe to show.</summary>
public sealed record SonarQubeInstanceView(string Name, string Status, string? Error, long? LatencyMs, bool Demo);

/// <summary>Same fields as every live panel's problems; <see cref="Instance"/> where Kubernetes says cluster.</summary>
/// <param name="Kind"><c>QualityGateCondition</c> (one failing condition) or <c>QualityGate</c> (the gate as a whole).</param>
/// <param name="Resource">The condition's metric key, or the project key for the gate.</param>
/// <param name="Namespace">The project key.</param>
/// <param name="Reason"><c>QualityGateFailed</c> for a failing (ERROR) condition, else SonarQube's own status (<c>WARN</c>, <c>NONE</c>).</param>
public sealed record SonarQubeProblem(
    string Instance, string Kind, string Resource, string Namespace, string Severity, string Reason, string Message, string Suggestion);
