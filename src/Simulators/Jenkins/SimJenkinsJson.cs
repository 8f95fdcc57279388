using System.Text.Json.Nodes;

namespace Fawkes.Portal.Simulators.Jenkins;

/// <summary>Jenkins' JSON shapes (JSON API and wfapi) of the simulated jobs and builds, as a real controller sends them.</summary>
internal static class SimJenkinsJson
{
    public static JsonObject Job(SimJob job, Uri root)
    {
        var json = new JsonObject
        {
            ["_class"] = job.Class, ["name"] = Name(job), ["fullName"] = job.FullName, ["url"] = Url(root, job),
            ["jobs"] = new JsonArray([.. job.Children.Select(c => (JsonNode)new JsonObject
            {
                ["_class"] = SimJenkinsJobs.Pipeline, ["name"] = c, ["url"] = $"{Url(root, job)}job/{Uri.EscapeDataString(c)}/",
            })]),
        };
        if (job.IsPipeline)
        {
            json.Remove("jobs");
            json["buildable"] = true;
            json["property"] = new JsonArray(job.Parameters is not { } definitions ? [] :
            [
                new JsonObject
                {
                    ["_class"] = "hudson.model.ParametersDefinitionProperty",
                    ["parameterDefinitions"] = new JsonArray([.. definitions.Select(d => (JsonNode)new JsonObject
                    {
                        ["_class"] = "hudson.model.StringParameterDefinition",
                        ["defaultParameterValue"] = new JsonObject { ["_class"] = "hudson.model.StringParameterValue", ["name"] = d.Key, ["value"] = d.Value },
                        ["description"] = "", ["name"] = d.Key, ["type"] = "StringParameterDefinition",
                    })]),
                },
            ]);
            json["builds"] = new JsonArray([.. job.Builds.OrderByDescending(b => b.Number).Take(50).Select(b => (JsonNode)Build(job, b, root))]);
        }
        return json;
    }

    /// <summary>A parameterised build's ParametersAction, first among its actions as Jenkins lists it.</summary>
    private static IEnumerable<JsonNode> Parameters(SimBuild b) => b.Parameters is not { } values ? [] :
    [
        new JsonObject
        {
            ["_class"] = "hudson.model.ParametersAction",
            ["parameters"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject
            {
                ["_class"] = "hudson.model.StringParameterValue", ["name"] = v.Key, ["value"] = v.Value,
            })]),
        },
    ];

    public static JsonObject Build(SimJob job, SimBuild b, Uri root) => new()
    {
        ["_class"] = "org.jenkinsci.plugins.workflow.job.WorkflowRun",
        ["actions"] = new JsonArray([.. Parameters(b),
            new JsonObject
            {
                ["_class"] = "hudson.model.CauseAction",
                ["causes"] = new JsonArray(new JsonObject { ["_class"] = "jenkins.branch.BranchEventCause", ["shortDescription"] = "Push event to branch " + b.Branch }),
            },
            new JsonObject
            {
                ["_class"] = "hudson.plugins.git.util.BuildData",
                ["lastBuiltRevision"] = new JsonObject
                {
                    ["SHA1"] = b.Sha, ["branch"] = new JsonArray(new JsonObject { ["SHA1"] = b.Sha, ["name"] = "refs/remotes/origin/" + b.Branch }),
                },
            },
            b.Result is null || b.Tests.Total == 0 ? new JsonObject { ["_class"] = "org.jenkinsci.plugins.workflow.job.views.FlowGraphAction" } : new JsonObject
            {
                ["_class"] = "hudson.tasks.junit.TestResultAction", ["failCount"] = b.Tests.Failed, ["skipCount"] = b.Tests.Skipped,
                ["totalCount"] = b.Tests.Total, ["urlName"] = "testReport",
            }]),
        ["building"] = b.Result is null, ["displayName"] = $"#{b.Number}", ["duration"] = b.DurationMs,
        ["estimatedDuration"] = 95_000, ["fullDisplayName"] = $"{job.FullName.Replace("/", " » ", StringComparison.Ordinal)} #{b.Number}",
        ["id"] = b.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), ["number"] = b.Number, ["result"] = b.Result,
        ["timestamp"] = b.Started.ToUnixTimeMilliseconds(), ["url"] = $"{Url(root, job)}{b.Number}/",
    };

    public static JsonObject Describe(SimJob job, SimBuild b)
    {
        var path = Path(job) + b.Number + "/";
        var start = b.Started.ToUnixTimeMilliseconds();
        var stages = new JsonArray();
        long offset = 0;
        for (var i = 0; i < b.Stages.Count; i++)
        {
            var (name, status, ms) = b.Stages[i];
            var id = StageId(i);
            stages.Add(new JsonObject
            {
                ["_links"] = SimJenkinsJobs.Links($"{path}execution/node/{id}/wfapi/describe"), ["id"] = id, ["name"] = name, ["execNode"] = "",
                ["status"] = status, ["startTimeMillis"] = status == "NOT_EXECUTED" ? 0 : start + offset, ["durationMillis"] = ms, ["pauseDurationMillis"] = 0,
            });
            offset += ms;
        }
        return new JsonObject
        {
            ["_links"] = SimJenkinsJobs.Links(path + "wfapi/describe"), ["id"] = b.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["name"] = $"#{b.Number}", ["status"] = RunStatus(b), ["startTimeMillis"] = start, ["endTimeMillis"] = start + b.DurationMs,
            ["durationMillis"] = b.DurationMs, ["queueDurationMillis"] = 7, ["pauseDurationMillis"] = 0, ["stages"] = stages,
        };
    }

    /// <summary>A stage's describe, with its one step (the step's id is the stage's plus one); null for an unknown node.</summary>
    public static JsonObject? Node(SimJob job, SimBuild b, string nodeId)
    {
        var describe = Describe(job, b);
        if (describe["stages"]!.AsArray().OfType<JsonObject>().FirstOrDefault(s => s["id"]!.GetValue<string>() == nodeId) is not { } stage)
        {
            return null;
        }
        var step = (int.Parse(nodeId, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var path = Path(job) + b.Number + "/execution/node/" + step + "/";
        stage["stageFlowNodes"] = new JsonArray(new JsonObject
        {
            ["_links"] = SimJenkinsJobs.Links(path + "wfapi/describe", path + "wfapi/log"), ["id"] = step, ["name"] = "Shell Script", ["execNode"] = "",
            ["status"] = stage["status"]!.GetValue<string>(), ["parameterDescription"] = "./gradlew " + stage["name"]!.GetValue<string>().ToLowerInvariant(),
            ["startTimeMillis"] = stage["startTimeMillis"]!.DeepClone(), ["durationMillis"] = stage["durationMillis"]!.DeepClone(),
            ["pauseDurationMillis"] = 0, ["parentNodes"] = new JsonArray(nodeId),
        });
        return stage;
    }

    /// <summary>The step's log: the failure's output for the failed stage's step, a line of progress for the others.</summary>
    public static string LogText(SimBuild b, string nodeId)
    {
        var failed = b.Stages.Select((s, i) => (s, i)).FirstOrDefault(x => x.s.Status == "FAILED");
        var isFailedStep = failed.s.Name is not null && int.TryParse(nodeId, out var id) && (id == StageNumber(failed.i) + 1 || id == StageNumber(failed.i));
        return isFailedStep && b.FailedLog is not null ? b.FailedLog : "+ ./gradlew\nBUILD SUCCESSFUL\n";
    }

    public static JsonObject Log(SimJob job, SimBuild b, string nodeId)
    {
        var text = LogText(b, nodeId);
        return new JsonObject
        {
            ["nodeId"] = nodeId, ["nodeStatus"] = b.Stages.Any(s => s.Status == "FAILED") && b.FailedLog == text ? "FAILED" : "SUCCESS",
            ["length"] = text.Length, ["hasMore"] = false, ["text"] = text,
            ["consoleUrl"] = $"{Path(job)}{b.Number}/execution/node/{nodeId}/log",
        };
    }

    private static string StageId(int index) => StageNumber(index).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int StageNumber(int index) => 6 + index * 3;

    private static string RunStatus(SimBuild b) => b.Result switch
    {
        null => "IN_PROGRESS",
        "FAILURE" => "FAILED",
        var r => r,
    };

    private static string Name(SimJob job) => job.FullName[(job.FullName.LastIndexOf('/') + 1)..];

    private static string Path(SimJob job) =>
        "/" + string.Concat(job.FullName.Split('/').Select(p => $"job/{Uri.EscapeDataString(p)}/"));

    private static string Url(Uri root, SimJob job) => root.GetLeftPart(UriPartial.Authority) + Path(job);
}
