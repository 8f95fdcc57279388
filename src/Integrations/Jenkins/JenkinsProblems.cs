using Fawkes.Portal.Integrations.Kubernetes.Problems;

namespace Fawkes.Portal.Integrations.Jenkins;

/// <summary>What is wrong with a job's newest finished build, in plain words with what to do. Pure.</summary>
public static class JenkinsProblems
{
    /// <param name="job">The job read (the branch job of a multibranch project).</param>
    /// <param name="run">Stage view of the newest build, when it was read: names the failed stage.</param>
    public static IReadOnlyList<JenkinsProblem> Detect(string instance, string job, IReadOnlyList<JenkinsBuildView> builds, JenkinsRunView? run)
    {
        var last = builds.Where(b => b.Result != "BUILDING").MaxBy(b => b.Number);
        if (last is null)
        {
            return [];
        }
        var folder = job.Contains('/', StringComparison.Ordinal) ? job[..job.LastIndexOf('/')] : "/";
        var resource = $"{job} #{last.Number}";
        var stage = run?.Number == last.Number ? run.FailedStage : null;
        var where = stage is null ? "" : $" in stage '{stage}'";
        var failedTests = last.Tests is { Failed: > 0 } t ? $" {t.Failed} of {t.Total} tests failed." : "";
        return last.Result switch
        {
            "FAILURE" => [new(instance, "Build", resource, folder, ProblemSeverity.Error, "FAILURE",
                $"The last build (#{last.Number}) failed{where}.{failedTests} Until a build passes, no new version of this service ships.",
                stage is null
                    ? "Open the build's console output in Jenkins, fix the cause and push (or use Rebuild if the failure was transient)."
                    : $"Read the console tail of stage '{stage}' below; fix the cause and push, or use Rebuild if it was transient (a flaky test, a network hiccup).")],
            "UNSTABLE" => [new(instance, "Build", resource, folder, ProblemSeverity.Warning, "UNSTABLE",
                $"The last build (#{last.Number}) is unstable: it built, but{(failedTests.Length > 0 ? failedTests.ToLowerInvariant() : " some tests or quality checks failed.")}",
                "Open the build's test report in Jenkins and fix the failing tests before the next release.")],
            "ABORTED" => [new(instance, "Build", resource, folder, ProblemSeverity.Info, "ABORTED",
                $"The last build (#{last.Number}) was aborted (by a person or a timeout) before it finished.",
                "If nobody stopped it on purpose, check the job's timeout and use Rebuild.")],
            _ => [],
        };
    }
}
