using System.Text.Json.Nodes;

namespace Fawkes.Portal.Simulators.Jenkins;

/// <summary>What a simulated job's newest build is doing.</summary>
public enum JenkinsScenario
{
    Success,
    FailedBuild,
    BuildInProgress,
}

/// <summary>
/// A job (folders in its full name) in the simulator; with <paramref name="Branches"/> a multibranch project of those branch
/// jobs. With <paramref name="Parameters"/> (name → value) a parameterised job: string parameters whose defaults and whose
/// builds' values are these, built only through <c>buildWithParameters</c>, as Jenkins does.
/// </summary>
public sealed record SimulatedJob(string FullName, JenkinsScenario Scenario, IReadOnlyList<string>? Branches = null,
    IReadOnlyDictionary<string, string>? Parameters = null);

/// <summary>One build and its stages; <see cref="Result"/> null while it runs.</summary>
internal sealed record SimBuild(int Number, string? Result, DateTimeOffset Started, long DurationMs, string Sha, string Branch, (int Total, int Failed, int Skipped) Tests,
    IReadOnlyList<(string Name, string Status, long Ms)> Stages, string? FailedLog)
{
    /// <summary>The values a parameterised job's build ran with (its ParametersAction).</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
}

/// <summary>A folder, multibranch project or pipeline job.</summary>
internal sealed class SimJob(string fullName, string @class)
{
    public string FullName { get; } = fullName;
    public string Class { get; } = @class;
    public List<string> Children { get; } = [];
    public List<SimBuild> Builds { get; } = [];
    /// <summary>String parameter definitions (name → default value); null for a job without parameters.</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; set; }
    public bool IsPipeline => Class == SimJenkinsJobs.Pipeline;
}

internal static class SimJenkinsJobs
{
    public const string Pipeline = "org.jenkinsci.plugins.workflow.job.WorkflowJob";
    public const string Multibranch = "org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject";
    public const string Folder = "com.cloudbees.hudson.plugins.folder.Folder";

    private static readonly string[] StageNames = ["Checkout", "Build", "Test", "Publish"];

    /// <summary>Every job, folder and project by full name (branch names encoded as Jenkins does: <c>feature%2Fx</c>).</summary>
    public static Dictionary<string, SimJob> Build(IEnumerable<SimulatedJob> jobs, DateTimeOffset now)
    {
        var all = new Dictionary<string, SimJob>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            var parts = job.FullName.Split('/', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < parts.Length - 1; i++)
            {
                Add(all, string.Join('/', parts[..(i + 1)]), Folder);
            }
            if (job.Branches is { Count: > 0 } branches)
            {
                var project = Add(all, job.FullName, Multibranch);
                foreach (var branch in branches.Select(Uri.EscapeDataString))
                {
                    Builds(Add(all, $"{job.FullName}/{branch}", Pipeline), job.Scenario, Uri.UnescapeDataString(branch), now);
                }
                _ = project;
            }
            else
            {
                var pipeline = Add(all, job.FullName, Pipeline);
                Builds(pipeline, job.Scenario, "main", now);
                if (job.Parameters is { } parameters)
                {
                    pipeline.Parameters = parameters;
                    for (var i = 0; i < pipeline.Builds.Count; i++)
                    {
                        pipeline.Builds[i] = pipeline.Builds[i] with { Parameters = parameters };
                    }
                }
            }
        }
        return all;
    }

    private static SimJob Add(Dictionary<string, SimJob> all, string fullName, string @class)
    {
        if (!all.TryGetValue(fullName, out var job))
        {
            all[fullName] = job = new SimJob(fullName, @class);
            var slash = fullName.LastIndexOf('/');
            if (slash > 0 && all.TryGetValue(fullName[..slash], out var parent))
            {
                parent.Children.Add(fullName[(slash + 1)..]);
            }
        }
        return job;
    }

    private static void Builds(SimJob job, JenkinsScenario scenario, string branch, DateTimeOffset now)
    {
        job.Builds.Add(Finished(10, "FAILURE", now.AddDays(-3), branch, failAt: 1));
        job.Builds.Add(Finished(11, "SUCCESS", now.AddDays(-2), branch));
        switch (scenario)
        {
            case JenkinsScenario.Success:
                job.Builds.Add(Finished(12, "SUCCESS", now.AddHours(-5), branch));
                break;
            case JenkinsScenario.FailedBuild:
                job.Builds.Add(Finished(12, "FAILURE", now.AddMinutes(-40), branch, failAt: 2));
                break;
            case JenkinsScenario.BuildInProgress:
                job.Builds.Add(Finished(12, "SUCCESS", now.AddHours(-5), branch));
                job.Builds.Add(Running(13, now.AddMinutes(-2), branch));
                break;
        }
    }

    public static SimBuild Running(int number, DateTimeOffset started, string branch) => new(
        number, null, started, 0, Sha(number), branch, (0, 0, 0),
        [.. StageNames.Select((s, i) => (s, i == 0 ? "SUCCESS" : i == 1 ? "IN_PROGRESS" : "NOT_EXECUTED", i == 0 ? 4_000L : 0L))], null);

    private static SimBuild Finished(int number, string result, DateTimeOffset started, string branch, int failAt = -1)
    {
        var stages = StageNames.Select((s, i) => (s, failAt < 0 || i < failAt ? "SUCCESS" : i == failAt ? "FAILED" : "NOT_EXECUTED",
            failAt >= 0 && i > failAt ? 0L : 20_000L + i * 7_000L)).ToList();
        // A build that failed before its Test stage has no test report.
        var tests = failAt is >= 0 and < 2 ? (0, 0, 0) : result == "FAILURE" ? (248, 3, 2) : (248, 0, 2);
        string? log = failAt < 0 ? null : failAt == 2 ? TestLog : CompileLog;
        return new(number, result, started, stages.Sum(s => s.Item3), Sha(number), branch, tests, stages, log);
    }

    private static string Sha(int number) => Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(BitConverter.GetBytes(number))).ToLowerInvariant();

    private const string CompileLog = "+ ./gradlew assemble\n> Task :compileJava FAILED\nsrc/main/java/App.java:42: error: cannot find symbol\n"
        + "BUILD FAILED in 21s\nscript returned exit code 1\n";

    private const string TestLog = "+ ./gradlew test\n> Task :test\n\nRefundServiceTest > refundsArePartial() FAILED\n"
        + "    org.opentest4j.AssertionFailedError: expected: <40.00> but was: <0.00>\n        at RefundServiceTest.java:88\n\n"
        + "LedgerTest > balanceAfterRefund() FAILED\n    java.lang.NullPointerException at Ledger.java:131\n\n"
        + "FraudRulesTest > velocityLimit() FAILED\n    org.opentest4j.AssertionFailedError at FraudRulesTest.java:57\n\n"
        + "248 tests completed, 3 failed, 2 skipped\n> Task :test FAILED\nBUILD FAILED in 1m 12s\nscript returned exit code 1\n";

    public static JsonObject Links(string self, string? log = null)
    {
        var links = new JsonObject { ["self"] = new JsonObject { ["href"] = self } };
        if (log is not null)
        {
            links["log"] = new JsonObject { ["href"] = log };
        }
        return links;
    }
}
