using System.Globalization;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Integrations.SonarQube;

/// <summary>SonarQube's Web API answers → the views. Pure: fields missing or of another type are left out, never fatal.</summary>
public static class SonarQubeMapper
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["coverage"] = "Coverage", ["line_coverage"] = "Line coverage", ["duplicated_lines_density"] = "Duplicated lines",
        ["bugs"] = "Bugs", ["vulnerabilities"] = "Vulnerabilities", ["code_smells"] = "Code smells",
        ["reliability_rating"] = "Reliability rating", ["security_rating"] = "Security rating", ["sqale_rating"] = "Maintainability rating",
        ["security_hotspots_reviewed"] = "Security hotspots reviewed", ["security_review_rating"] = "Security review rating",
        ["blocker_violations"] = "Blocker issues", ["critical_violations"] = "Critical issues",
    };

    /// <summary><c>/api/qualitygates/project_status</c>'s <c>projectStatus</c>.</summary>
    public static SonarQubeGateView Gate(JsonObject projectStatus)
    {
        ArgumentNullException.ThrowIfNull(projectStatus);
        var status = projectStatus["projectStatus"] as JsonObject ?? [];
        return new SonarQubeGateView(Str(status["status"]) ?? "NONE",
            [.. (status["conditions"] as JsonArray ?? []).OfType<JsonObject>().Select(Condition).OfType<SonarQubeConditionView>()]);
    }

    private static SonarQubeConditionView? Condition(JsonObject c)
    {
        if (Str(c["metricKey"]) is not { } metric)
        {
            return null;
        }
        return new SonarQubeConditionView(metric, MetricName(metric), Str(c["status"]) ?? "NONE", Str(c["comparator"]),
            Shown(metric, Str(c["errorThreshold"])), Shown(metric, Str(c["actualValue"])), metric.StartsWith("new_", StringComparison.Ordinal));
    }

    /// <summary><c>/api/measures/component</c>'s <c>component.measures</c>.</summary>
    public static SonarQubeMeasuresView Measures(JsonObject component, out string? projectName)
    {
        ArgumentNullException.ThrowIfNull(component);
        projectName = Str(component["component"]?["name"]);
        var values = (component["component"]?["measures"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(m => (Metric: Str(m["metric"]), Value: Str(m["value"]))).Where(m => m.Metric is not null && m.Value is not null)
            .ToDictionary(m => m.Metric!, m => m.Value!, StringComparer.Ordinal);
        return new SonarQubeMeasuresView(Int(values, "bugs"), Int(values, "vulnerabilities"), Int(values, "code_smells"),
            Dbl(values, "coverage"), Dbl(values, "duplicated_lines_density"));
    }

    /// <summary>One problem per failing (or warning) condition; one for a failed gate that lists none, or a project never analysed.</summary>
    public static IReadOnlyList<SonarQubeProblem> Problems(string instance, string projectKey, SonarQubeGateView gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        if (gate.Status == "NONE")
        {
            return [new(instance, "QualityGate", projectKey, projectKey, Kubernetes.Problems.ProblemSeverity.Info, "NONE",
                $"SonarQube has no quality gate result for '{projectKey}': the project was never analysed, or no gate is assigned to it.",
                "Run the SonarQube scanner in the project's pipeline (and assign a quality gate in SonarQube) so every change is checked.")];
        }
        var failing = gate.Conditions.Where(c => c.Status is "ERROR" or "WARN").ToList();
        if (failing.Count == 0)
        {
            return gate.Status is "ERROR" or "WARN"
                ? [new(instance, "QualityGate", projectKey, projectKey, Severity(gate.Status), Reason(gate.Status),
                    $"The quality gate of '{projectKey}' {(gate.Status == "ERROR" ? "failed" : "warns")}, but SonarQube lists no failing condition.",
                    "Open the project in SonarQube to see why the gate failed.")]
                : [];
        }
        return [.. failing.Select(c => new SonarQubeProblem(instance, "QualityGateCondition", c.Metric, projectKey, Severity(c.Status), Reason(c.Status),
            Message(c), Suggestion(c.Metric)))];
    }

    private static string Severity(string status) => status == "ERROR" ? Kubernetes.Problems.ProblemSeverity.Error : Kubernetes.Problems.ProblemSeverity.Warning;

    private static string Reason(string status) => status == "ERROR" ? "QualityGateFailed" : status;

    private static string Message(SonarQubeConditionView c)
    {
        var scope = c.OnNewCode ? " (on new code)" : "";
        var need = c.Comparator switch
        {
            "LT" => $"the gate requires at least {c.Threshold}",
            "GT" => $"the gate allows at most {c.Threshold}",
            _ => $"the gate's threshold is {c.Threshold}",
        };
        var verdict = c.Status == "ERROR" ? "fails the quality gate" : "is close to failing the quality gate";
        return $"{c.MetricName}{scope} is {c.Actual ?? "unknown"}; {need}. This {verdict}{(c.Status == "ERROR" ? ", so the change should not ship as it is" : "")}.";
    }

    internal static string Suggestion(string metric)
    {
        var m = metric.StartsWith("new_", StringComparison.Ordinal) ? metric[4..] : metric;
        return m switch
        {
            _ when m.Contains("coverage", StringComparison.Ordinal) =>
                "Add tests for the code this change touches (SonarQube's Coverage view lists the uncovered lines), and check the pipeline uploads the coverage report.",
            _ when m.Contains("duplicated", StringComparison.Ordinal) =>
                "Open the Duplications view in SonarQube and extract the repeated blocks into a shared function or class.",
            "bugs" or "reliability_rating" => "Fix the bugs SonarQube lists under Issues → Type: Bug, most severe first.",
            "vulnerabilities" or "security_rating" => "Fix the vulnerabilities under Issues → Type: Vulnerability before release; they are exploitable as they stand.",
            _ when m.Contains("hotspot", StringComparison.Ordinal) || m == "security_review_rating" =>
                "Review each security hotspot in SonarQube (Security Hotspots tab) and mark it safe or fix it.",
            "code_smells" or "sqale_rating" or "sqale_index" or "sqale_debt_ratio" =>
                "Fix the code smells under Issues → Type: Code Smell, starting with the ones on the code you changed.",
            _ => "Open the project in SonarQube, read the failing condition and fix what it measures.",
        };
    }

    /// <summary>The plain name of a metric (<c>new_coverage</c> → Coverage).</summary>
    public static string MetricName(string metric)
    {
        var m = metric.StartsWith("new_", StringComparison.Ordinal) ? metric[4..] : metric;
        return Names.TryGetValue(m, out var name) ? name : m.Replace('_', ' ');
    }

    /// <summary>Percentages with '%', ratings (1–5) as SonarQube's letters A–E, counts as they are.</summary>
    internal static string? Shown(string metric, string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (metric.EndsWith("_rating", StringComparison.Ordinal) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r is >= 1 and <= 5)
        {
            return ((char)('A' + (int)Math.Round(r) - 1)).ToString();
        }
        var percent = metric.Contains("coverage", StringComparison.Ordinal) || metric.Contains("density", StringComparison.Ordinal)
            || metric.Contains("reviewed", StringComparison.Ordinal);
        return percent && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var p)
            ? p.ToString("0.#", CultureInfo.InvariantCulture) + " %" : value;
    }

    private static int? Int(Dictionary<string, string> values, string metric) =>
        values.TryGetValue(metric, out var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    private static double? Dbl(Dictionary<string, string> values, string metric) =>
        values.TryGetValue(metric, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
