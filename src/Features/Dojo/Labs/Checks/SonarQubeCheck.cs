using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Integrations;
using Fawkes.Portal.Integrations.SonarQube;

namespace Fawkes.Portal.Features.Dojo.Labs.Checks;

/// <summary><c>sonarqube</c>: the service's SonarQube quality gate is OK.</summary>
public sealed class SonarQubeCheck(SonarQubeLiveService sonar) : ILabCheck
{
    public string Type => "sonarqube";

    public async Task<LabCheckResult> RunAsync(LabTarget target, LabCheck check, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var tab = target.Tab("sonarqube");
        SonarQubeProjectRef? project;
        try
        {
            project = SonarQubeProjectRef.Parse(target.Annotation(SonarQubeProjectRef.Annotation));
        }
        catch (FormatException ex)
        {
            return LabCheckResult.Fail(Type, ex.Message + " Fix it in the entity's catalog-info.yaml.", target.Page);
        }
        var answer = await sonar.GetAsync(project, ct);
        if (answer.Message is { } message)
        {
            return LabCheckResult.Fail(Type, message, project is null ? target.Page : null);
        }
        if (answer.QualityGate is not { } gate)
        {
            var failed = answer.Instances.Where(i => i.Status != IntegrationStatus.Ok).Select(i => i.Error ?? $"{i.Name}: {i.Status}.").ToList();
            return LabCheckResult.Fail(Type, "SonarQube could not be read: " + (failed.Count > 0 ? string.Join(" ", failed) : "no answer.")
                + " Run the checks again later.", tab);
        }
        var failing = gate.Conditions.Where(c => c.Status == "ERROR")
            .Select(c => $"{c.MetricName} is {c.Actual ?? "unknown"} (needs {(c.Comparator == "GT" ? "at most" : "at least")} {c.Threshold})").ToList();
        return gate.Status switch
        {
            "OK" => LabCheckResult.Pass(Type, $"The quality gate of {answer.ProjectKey} passes.", tab),
            "NONE" => LabCheckResult.Fail(Type, $"SonarQube has no gate result for {answer.ProjectKey}: run the pipeline's analysis stage "
                + "(the golden-path Jenkinsfile does) so the project is analysed.", target.Tab("jenkins")),
            _ => LabCheckResult.Fail(Type, $"The quality gate of {answer.ProjectKey} is {gate.Status}"
                + (failing.Count > 0 ? ": " + string.Join("; ", failing) : "")
                + ". The Code quality tab lists each condition: fix the code (tests for coverage, the reported bugs) and push.", tab),
        };
    }
}
