using System.Text.Json.Nodes;

namespace Fawkes.Portal.Simulators.SonarQube;

/// <summary>What a simulated project's last analysis says.</summary>
public enum SonarQubeScenario
{
    /// <summary>Every condition of the gate met (status OK).</summary>
    PassingGate,

    /// <summary>Coverage and duplications on new code fail the gate (status ERROR), and new bugs and a vulnerability are open.</summary>
    FailingGate,

    /// <summary>Registered but never analysed: status NONE, no measures.</summary>
    NotAnalysed,
}

/// <param name="Key">The project key (as in <c>sonarqube.org/project-key</c>).</param>
public sealed record SimulatedProject(string Key, string Name, SonarQubeScenario Scenario);

/// <summary>The Web API documents of one project, in SonarQube 10's shapes (conditions without periodIndex, a top-level period).</summary>
internal static class SimSonarProjects
{
    public static JsonObject ProjectStatus(SimulatedProject project) => new()
    {
        ["projectStatus"] = new JsonObject
        {
            ["status"] = project.Scenario switch { SonarQubeScenario.PassingGate => "OK", SonarQubeScenario.FailingGate => "ERROR", _ => "NONE" },
            ["conditions"] = project.Scenario switch
            {
                SonarQubeScenario.NotAnalysed => new JsonArray(),
                SonarQubeScenario.PassingGate => new JsonArray(
                    Condition("OK", "new_reliability_rating", "GT", "1", "1"), Condition("OK", "new_security_rating", "GT", "1", "1"),
                    Condition("OK", "new_maintainability_rating", "GT", "1", "1"), Condition("OK", "new_coverage", "LT", "80", "86.4"),
                    Condition("OK", "new_duplicated_lines_density", "GT", "3", "0.8")),
                _ => new JsonArray(
                    Condition("ERROR", "new_reliability_rating", "GT", "1", "3"), Condition("OK", "new_security_rating", "GT", "1", "1"),
                    Condition("OK", "new_maintainability_rating", "GT", "1", "1"), Condition("ERROR", "new_coverage", "LT", "80", "61.7"),
                    Condition("ERROR", "new_duplicated_lines_density", "GT", "3", "7.9")),
            },
            ["ignoredConditions"] = false,
            ["period"] = new JsonObject { ["mode"] = "PREVIOUS_VERSION", ["date"] = "2026-11-02T09:14:07+0000", ["parameter"] = "1.42.0" },
            ["caycStatus"] = project.Scenario == SonarQubeScenario.PassingGate ? "compliant" : "non-compliant",
        },
    };

    public static JsonObject Measures(SimulatedProject project)
    {
        var values = project.Scenario switch
        {
            SonarQubeScenario.PassingGate => new[] { ("bugs", "0"), ("vulnerabilities", "0"), ("code_smells", "23"), ("coverage", "84.2"), ("duplicated_lines_density", "1.3") },
            SonarQubeScenario.FailingGate => [("bugs", "4"), ("vulnerabilities", "1"), ("code_smells", "187"), ("coverage", "58.9"), ("duplicated_lines_density", "6.4")],
            _ => [],
        };
        var measures = new JsonArray();
        foreach (var (metric, value) in values)
        {
            measures.Add(new JsonObject { ["metric"] = metric, ["value"] = value, ["bestValue"] = value is "0" or "0.0" });
        }
        return new JsonObject
        {
            ["component"] = new JsonObject { ["key"] = project.Key, ["name"] = project.Name, ["qualifier"] = "TRK", ["measures"] = measures },
        };
    }

    private static JsonObject Condition(string status, string metric, string comparator, string threshold, string actual) => new()
    {
        ["status"] = status, ["metricKey"] = metric, ["comparator"] = comparator, ["errorThreshold"] = threshold, ["actualValue"] = actual,
    };
}
