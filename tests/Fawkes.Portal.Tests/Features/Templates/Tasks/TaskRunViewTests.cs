using System.Text.Json.Nodes;
using Bunit;
using Fawkes.Portal.Features.Templates.Pages.Tasks;
using Fawkes.Portal.Features.Templates.Tasks;
using Fawkes.Portal.Tests.Components;

namespace Fawkes.Portal.Tests.Features.Templates.Tasks;

/// <summary>The run page's view of a task built from its stored events: steps with status and duration, the log without
/// terminal colours, output links (an entityRef becomes the catalog page), and the actions each person gets.</summary>
public sealed class TaskRunViewTests : ComponentTestBase
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.Parse("6f1c2b9e-7d55-4a53-9f0e-2a3b4c5d6e7f");

    private static ScaffolderTask Task(string status) => new()
    {
        Id = Id,
        Status = status,
        Initiator = "user:default/priya.raman",
        CreatedBy = "user:default/priya.raman",
        CreatedAt = T0,
        Approval = status == "awaiting-approval" ? "owner" : null,
        SpecJson = """
            {"apiVersion":"scaffolder.backstage.io/v1beta3","parameters":{"name":"shop"},
             "steps":[{"id":"greet","name":"Greet","action":"debug:log"},{"id":"publish","name":"Publish","action":"publish:github"},
                      {"id":"register","name":"Register","action":"catalog:register"}],
             "templateInfo":{"entityRef":"template:default/hello","entity":{"metadata":{"name":"hello","title":"Hello service"}}}}
            """,
    };

    private static TaskEventView Log(long id, double seconds, string? step, string? status, string message) =>
        new(id, Id, "log", Body(step, status, message), T0.AddSeconds(seconds));

    private static JsonObject Body(string? step, string? status, string message)
    {
        var body = new JsonObject();
        if (step is not null)
        {
            body["stepId"] = step;
        }
        if (status is not null)
        {
            body["status"] = status;
        }
        body["message"] = message;
        return body;
    }

    private static readonly TaskEventView[] Completed =
    [
        Log(1, 0, null, null, "Starting up task with 3 steps"),
        Log(2, 0, "greet", "processing", "Beginning step Greet"),
        Log(3, 0.2, "greet", null, "\u001b[32minfo\u001b[39m: hello shop"),
        Log(4, 0.25, "greet", "completed", "Finished step Greet"),
        Log(5, 0.25, "publish", "processing", "Beginning step Publish"),
        Log(6, 3.75, "publish", "completed", "Finished step Publish"),
        Log(7, 3.75, "register", "processing", "Beginning step Register"),
        Log(8, 4, "register", "skipped", "Skipping step register because its if condition was false"),
        new(9, Id, "completion", JsonNode.Parse("""
            {"message":"Run completed with status: completed","output":{"links":[
              {"title":"Repository","url":"https://github.com/acme/shop"},
              {"title":"Open in catalog","icon":"catalog","entityRef":"component:default/shop"},
              {"title":"Evil","url":"javascript:alert(1)"}]}}
            """)!.AsObject(), T0.AddSeconds(4)),
    ];

    [Fact]
    public void A_completed_run_shows_each_steps_status_and_duration_the_clean_log_and_its_output_links()
    {
        var model = TaskRunModel.From(Task("completed"), Completed);

        var view = Ctx.Render<TaskRunView>(p => p.Add(v => v.Model, model).Add(v => v.CanCancel, true));

        Assert.Contains("completed", view.Find("[data-testid=task-status]").TextContent, StringComparison.Ordinal);
        Assert.Contains("completed · 250 ms", view.Find("[data-testid=step-greet]").TextContent, StringComparison.Ordinal);
        Assert.Contains("completed · 3.5 s", view.Find("[data-testid=step-publish]").TextContent, StringComparison.Ordinal);
        Assert.Contains("skipped", view.Find("[data-testid=step-register]").TextContent, StringComparison.Ordinal);
        var log = view.Find("[data-testid=task-log]").TextContent;
        Assert.Contains("[greet] info: hello shop", log, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", log, StringComparison.Ordinal);
        Assert.Contains("Run completed with status: completed", log, StringComparison.Ordinal);
        var links = view.FindAll("[data-testid=output-link]").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal([("Repository", "https://github.com/acme/shop"), ("Open in catalog", "/catalog/default/component/shop")], links);
        Assert.Empty(view.FindAll("[data-testid=task-cancel]")); // Finished: nothing to cancel.
    }

    [Fact]
    public void A_running_task_shows_the_step_in_progress_and_Cancel_for_who_may_cancel_it()
    {
        var model = TaskRunModel.From(Task("processing"), Completed[..5]);

        var mine = Ctx.Render<TaskRunView>(p => p.Add(v => v.Model, model).Add(v => v.CanCancel, true));
        var theirs = Ctx.Render<TaskRunView>(p => p.Add(v => v.Model, model).Add(v => v.CanCancel, false));

        Assert.Contains("processing", mine.Find("[data-testid=step-publish]").TextContent, StringComparison.Ordinal);
        Assert.Contains("pending", mine.Find("[data-testid=step-register]").TextContent, StringComparison.Ordinal);
        Assert.Single(mine.FindAll("[data-testid=task-cancel]"));
        Assert.Empty(theirs.FindAll("[data-testid=task-cancel]"));
        Assert.Empty(mine.FindAll("[data-testid=output-link]"));
    }

    [Fact]
    public void A_failed_run_shows_its_error_and_a_step_left_processing_as_failed()
    {
        var events = Completed[..5].Append(new TaskEventView(10, Id, "completion",
            JsonNode.Parse("""{"message":"Run completed with status: failed","error":{"name":"Error","message":"The portal restarted while this task ran"}}""")!.AsObject(),
            T0.AddSeconds(9))).ToList();

        var view = Ctx.Render<TaskRunView>(p => p.Add(v => v.Model, TaskRunModel.From(Task("failed"), events)));

        Assert.Equal("The portal restarted while this task ran", view.Find("[data-testid=task-error]").TextContent.Trim());
        Assert.Contains("failed", view.Find("[data-testid=step-publish]").TextContent, StringComparison.Ordinal);
        Assert.Contains("skipped", view.Find("[data-testid=step-register]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_awaiting_approval_shows_its_parameters_and_the_decision_buttons_only_to_an_approver()
    {
        var model = TaskRunModel.From(Task("awaiting-approval"), []);
        string? approvedWith = null;

        var approver = Ctx.Render<TaskRunView>(p => p.Add(v => v.Model, model).Add(v => v.CanDecide, true)
            .Add(v => v.Preview, new TaskPreviewResult(["README.md", "src/app.py"], null))
            .Add(v => v.OnApprove, (string reason) => approvedWith = reason));
        var requester = Ctx.Render<TaskRunView>(p => p.Add(v => v.Model, model).Add(v => v.CanDecide, false));

        Assert.Contains("\"shop\"", approver.Find("[data-testid=task-approval]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["README.md", "src/app.py"], approver.FindAll("[data-testid=task-preview] li").Select(li => li.TextContent));
        approver.Find("[data-testid=task-approve]").Click();
        Assert.Equal("", approvedWith);
        Assert.True(approver.Find("[data-testid=task-reject]").HasAttribute("disabled"), "Rejecting needs a reason");
        Assert.Empty(requester.FindAll("[data-testid=task-approve]"));
        Assert.Contains("decides next", requester.Find("[data-testid=task-approval]").TextContent, StringComparison.Ordinal);
    }
}
