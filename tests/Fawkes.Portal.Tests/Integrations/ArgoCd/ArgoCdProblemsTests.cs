using System.Text.Json.Nodes;
using Fawkes.Portal.Integrations.ArgoCd;

namespace Fawkes.Portal.Tests.Integrations.ArgoCd;

public sealed class ArgoCdProblemsTests
{
    [Fact]
    public void A_synced_healthy_app_with_a_succeeded_or_running_operation_has_no_problems()
    {
        Assert.Empty(ArgoCdProblems.Detect(ArgoCdMapperTests.View()));
        Assert.Empty(ArgoCdProblems.Detect(ArgoCdMapperTests.View(phase: "Running")));
        Assert.Empty(ArgoCdProblems.Detect(ArgoCdMapperTests.View(health: "Progressing")));
    }

    [Theory]
    [InlineData("OutOfSync", "Healthy", "Succeeded", "OutOfSync", "Application", "warning")]
    [InlineData("Synced", "Degraded", "Succeeded", "Degraded", "Deployment", "error")]
    [InlineData("Synced", "Missing", "Succeeded", "Missing", "Deployment", "warning")]
    [InlineData("Synced", "Healthy", "Failed", "SyncFailed", "Application", "error")]
    [InlineData("Synced", "Healthy", "Error", "SyncFailed", "Application", "error")]
    public void Each_state_gives_its_problem_with_every_field_filled(string sync, string health, string phase, string reason, string kind, string severity)
    {
        var problem = Assert.Single(ArgoCdProblems.Detect(ArgoCdMapperTests.View(sync, health, phase)));

        Assert.Equal((reason, kind, severity, "prod"), (problem.Reason, problem.Kind, problem.Severity, problem.Instance));
        Assert.All(new[] { problem.Resource, problem.Namespace, problem.Message, problem.Suggestion }, f => Assert.False(string.IsNullOrWhiteSpace(f)));
    }

    [Fact]
    public void A_degraded_resource_in_the_tree_is_reported_on_that_resource_with_ArgoCDs_reason()
    {
        var tree = new JsonObject { ["nodes"] = new JsonArray(new JsonObject
        {
            ["kind"] = "Pod", ["namespace"] = "web", ["name"] = "shop-1",
            ["health"] = new JsonObject { ["status"] = "Degraded", ["message"] = "back-off 5m0s restarting failed container" },
        }) };

        var problem = Assert.Single(ArgoCdProblems.Detect(ArgoCdMapperTests.View(health: "Degraded", tree: tree)));

        Assert.Equal(("Pod", "shop-1", "web"), (problem.Kind, problem.Resource, problem.Namespace));
        Assert.Contains("back-off 5m0s", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Kubernetes tab", problem.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_sync_names_the_resource_that_failed_and_the_revision()
    {
        var problem = ArgoCdProblems.Detect(ArgoCdMapperTests.View(phase: "Failed")).Single();

        Assert.Contains("Deployment shop: image: Required value", problem.Message, StringComparison.Ordinal);
        Assert.Contains("at 2222222", problem.Message, StringComparison.Ordinal);
    }
}
