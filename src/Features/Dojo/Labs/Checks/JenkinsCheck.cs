using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Integrations;
using Fawkes.Portal.Integrations.Jenkins;

namespace Fawkes.Portal.Features.Dojo.Labs.Checks;

/// <summary><c>jenkins</c>: the newest build of the service's job (its default branch for a multibranch project) is SUCCESS.</summary>
public sealed class JenkinsCheck(JenkinsLiveService jenkins) : ILabCheck
{
    public string Type => "jenkins";

    public async Task<LabCheckResult> RunAsync(LabTarget target, LabCheck check, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var tab = target.Tab("jenkins");
        JenkinsJobRef? job;
        try
        {
            job = JenkinsJobRef.Parse(target.Annotation(JenkinsJobRef.Annotation));
        }
        catch (FormatException ex)
        {
            return LabCheckResult.Fail(Type, ex.Message + " Fix it in the entity's catalog-info.yaml.", target.Page);
        }
        var answer = await jenkins.GetAsync(job, null, target.Annotation(JenkinsJobRef.DefaultBranchAnnotation), ct);
        if (answer.Message is { } message)
        {
            return LabCheckResult.Fail(Type, message, job is null ? target.Page : null);
        }
        if (answer.Builds.MaxBy(b => b.Number) is not { } last)
        {
            var failed = answer.Instances.Where(i => i.Status != IntegrationStatus.Ok).Select(i => i.Error ?? $"{i.Name}: {i.Status}.").ToList();
            return LabCheckResult.Fail(Type, failed.Count > 0
                ? "Jenkins could not be read: " + string.Join(" ", failed) + " Run the checks again later."
                : $"Job {answer.Job} has no build yet: start one (Build on the Jenkins tab, or push a commit).", tab);
        }
        var build = $"Build #{last.Number} of {answer.Job}" + (last.Branch is { } b ? $" ({b})" : "");
        return last.Result switch
        {
            "SUCCESS" => LabCheckResult.Pass(Type, $"{build} is SUCCESS.", tab),
            "BUILDING" => LabCheckResult.Fail(Type, $"{build} is still running: run the checks again when it has finished.", tab),
            _ => LabCheckResult.Fail(Type, $"{build} is {last.Result}"
                + (answer.LastRun is { Number: var n, FailedStage: { } stage } && n == last.Number ? $": stage '{stage}' failed" : "")
                + ". The Jenkins tab shows the failed stage's log: fix the cause in the repository, push, and let the build go green "
                + "(or Rebuild there if the failure was not the code's).", tab),
        };
    }
}
