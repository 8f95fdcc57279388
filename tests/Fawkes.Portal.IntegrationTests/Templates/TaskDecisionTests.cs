using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Operations.Audit;
using Microsoft.Extensions.DependencyInjection;
using static Fawkes.Portal.IntegrationTests.Templates.TaskApi;

namespace Fawkes.Portal.IntegrationTests.Templates;

/// <summary>Cancel, approve and reject: who may, what the task becomes, the events and the audit rows.</summary>
public sealed class TaskDecisionTests(TasksFixture fixture) : IClassFixture<TasksFixture>
{
    [Fact]
    public async Task Cancelling_a_running_task_stops_its_action_and_ends_it_failed_as_Backstage_does()
    {
        var id = await CreateAsync(fixture.Priya, "slow-task");
        await WaitForEventAsync(id, e => e["body"]?["stepId"]?.GetValue<string>() == "wait" && e["body"]?["status"]?.GetValue<string>() == "processing");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        using var response = await fixture.Priya.PostAsync($"{Base}/tasks/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cancelled", (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        await WaitForStatusAsync(fixture.Priya, id, "failed");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "the 60 s wait was interrupted");
        var events = await EventsAsync(fixture.Priya, id);
        var cancelled = Assert.Single(events, e => e!["type"]!.GetValue<string>() == "cancelled")!;
        Assert.Equal("Step wait has been cancelled.", cancelled["body"]!["message"]!.GetValue<string>());
        Assert.Equal("cancelled", cancelled["body"]!["status"]!.GetValue<string>());
        var completion = events.Last()!;
        Assert.Equal("Run completed with status: failed", completion["body"]!["message"]!.GetValue<string>());
        Assert.Equal($"Step wait (Wait a minute) of task {id} has been cancelled.", completion["body"]!["error"]!["message"]!.GetValue<string>());
        Assert.DoesNotContain(events, e => e!["body"]?["stepId"]?.GetValue<string>() == "after" && e["body"]?["status"]?.GetValue<string>() == "completed");
        Assert.Equal(HttpStatusCode.OK, (await fixture.Priya.PostAsync($"{Base}/tasks/{id}/cancel", null)).StatusCode);
        Assert.Contains(await AuditAsync("template.task.cancel"), a => a.Target == $"task:{id}" && a.Actor == "priya.raman");
    }

    [Fact]
    public async Task An_owner_approved_task_waits_then_runs_and_only_another_member_of_the_owning_group_or_an_Admin_may_approve_it()
    {
        var id = await CreateAsync(fixture.Priya, "owner-gated");
        Assert.Equal("awaiting-approval", (await GetAsync(fixture.Priya, id))["status"]!.GetValue<string>());
        await Task.Delay(1_500);
        Assert.Equal("awaiting-approval", (await GetAsync(fixture.Priya, id))["status"]!.GetValue<string>());

        var own = await ErrorAsync(await fixture.Priya.PostAsJsonAsync($"{Base}/tasks/{id}/approve", new JsonObject()));
        Assert.Equal((403, "NotAllowedError"), (own.Status, own.Name));
        Assert.Contains("their own task", own.Message, StringComparison.Ordinal);
        var lead = await ErrorAsync(await fixture.Jonas.PostAsJsonAsync($"{Base}/tasks/{id}/approve", new JsonObject()));
        Assert.Equal(404, lead.Status); // Jonas is not in checkout-team: the task is not his to see.
        Assert.Equal(HttpStatusCode.OK, (await fixture.Lucas.GetAsync($"{Base}/tasks/{id}")).StatusCode);
        using var approved = await fixture.Lucas.PostAsJsonAsync($"{Base}/tasks/{id}/approve", new JsonObject { ["reason"] = "looks right" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        await WaitForStatusAsync(fixture.Priya, id, "completed");
        var events = await EventsAsync(fixture.Priya, id);
        var approval = Assert.Single(events, e => e!["type"]!.GetValue<string>() == "approval")!;
        Assert.Equal("Approved by user:default/lucas.moreau: looks right", approval["body"]!["message"]!.GetValue<string>());
        Assert.Equal((409, "ConflictError"), (await ErrorAsync(await fixture.Lucas.PostAsJsonAsync($"{Base}/tasks/{id}/approve", new JsonObject()))) is var c ? (c.Status, c.Name) : default);
        Assert.Contains(await AuditAsync("template.task.approve"), a => a.Target == $"task:{id}" && a.Actor == "lucas.moreau" && a.Detail!.Contains("looks right", StringComparison.Ordinal));
        Assert.Contains(await AuditAsync("template.task.create"), a => a.Target == $"task:{id}" && a.Actor == "priya.raman");
    }

    [Fact]
    public async Task A_platform_lead_rejection_needs_a_reason_ends_the_task_rejected_and_names_the_approver()
    {
        var id = await CreateAsync(fixture.Priya, "lead-gated");

        var developer = await ErrorAsync(await fixture.Lucas.PostAsJsonAsync($"{Base}/tasks/{id}/reject", new JsonObject { ["reason"] = "no" }));
        Assert.Equal(404, developer.Status); // Lucas may not decide platform-lead approvals, so he does not see the task.
        var noReason = await ErrorAsync(await fixture.Jonas.PostAsJsonAsync($"{Base}/tasks/{id}/reject", new JsonObject()));
        Assert.Equal((400, "InputError"), (noReason.Status, noReason.Name));
        using var rejected = await fixture.Jonas.PostAsJsonAsync($"{Base}/tasks/{id}/reject", new JsonObject { ["reason"] = "not this quarter" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);

        var task = await GetAsync(fixture.Priya, id);
        Assert.Equal("rejected", task["status"]!.GetValue<string>());
        var completion = (await EventsAsync(fixture.Priya, id)).Last()!;
        Assert.Equal("completion", completion["type"]!.GetValue<string>());
        Assert.Equal("Run completed with status: rejected", completion["body"]!["message"]!.GetValue<string>());
        Assert.Equal("Rejected by user:default/jonas.weber: not this quarter", completion["body"]!["error"]!["message"]!.GetValue<string>());
        Assert.Contains(await AuditAsync("template.task.reject"), a => a.Target == $"task:{id}" && a.Actor == "jonas.weber" && a.Detail!.Contains("not this quarter", StringComparison.Ordinal));
        var again = await ErrorAsync(await fixture.Amara.PostAsJsonAsync($"{Base}/tasks/{id}/approve", new JsonObject()));
        Assert.Equal((409, "ConflictError"), (again.Status, again.Name));
    }

    [Fact]
    public async Task Cancelling_a_task_that_waits_for_approval_fails_it_at_once()
    {
        var id = await CreateAsync(fixture.Priya, "owner-gated");

        Assert.Equal(HttpStatusCode.OK, (await fixture.Priya.PostAsync($"{Base}/tasks/{id}/cancel", null)).StatusCode);

        Assert.Equal("failed", (await GetAsync(fixture.Priya, id))["status"]!.GetValue<string>());
        Assert.Equal(["cancelled", "completion"], (await EventsAsync(fixture.Priya, id)).Select(e => e!["type"]!.GetValue<string>()));
    }

    private async Task WaitForEventAsync(string id, Func<JsonNode, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await EventsAsync(fixture.Priya, id)).Any(e => match(e!)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The expected event did not come within 30 s");
            await Task.Delay(100);
        }
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(string action) =>
        (await fixture.Host.Services.GetRequiredService<AuditLog>().QueryAsync(action, 0, 500)).Items.Where(a => a.Action == action).ToList();
}
