using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Tasks;
using Fawkes.Portal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Fawkes.Portal.IntegrationTests.Templates.TaskApi;

namespace Fawkes.Portal.IntegrationTests.Templates;

/// <summary>The task API against Backstage's answers (docs/scaffolder-semantics.md §5–6), on PostgreSQL.</summary>
public sealed class TaskApiTests(TasksFixture fixture) : IClassFixture<TasksFixture>
{
    [Fact]
    public async Task A_task_runs_in_the_background_to_completed_with_its_log_output_and_step_timings()
    {
        var id = await CreateAsync(fixture.Priya, "hello-task");

        var task = await WaitForStatusAsync(fixture.Priya, id, "completed", "failed");

        Assert.Equal("completed", task["status"]!.GetValue<string>());
        Assert.Equal("user:default/priya.raman", task["createdBy"]!.GetValue<string>());
        var spec = task["spec"]!;
        Assert.Equal("template:default/hello-task", spec["templateInfo"]!["entityRef"]!.GetValue<string>());
        Assert.StartsWith("file://", spec["templateInfo"]!["baseUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Greet", spec["steps"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("demo", spec["parameters"]!["name"]!.GetValue<string>());
        Assert.Equal("user:default/priya.raman", spec["user"]!["ref"]!.GetValue<string>());
        var events = await EventsAsync(fixture.Priya, id);
        var bodies = events.Select(e => e!["body"]!).ToList();
        Assert.Equal("Starting up task with 2 steps", bodies[0]["message"]!.GetValue<string>());
        var statuses = bodies.Where(b => b["status"] is not null).Select(b => $"{b["stepId"]}:{b["status"]}").ToList();
        Assert.Equal(["greet:processing", "greet:completed", "fetch:processing", "fetch:completed"], statuses);
        var completion = events.Last()!;
        Assert.Equal("completion", completion["type"]!.GetValue<string>());
        Assert.Equal("Run completed with status: completed", completion["body"]!["message"]!.GetValue<string>());
        Assert.Equal("https://github.com/acme/demo", completion["body"]!["output"]!["links"]![0]!["url"]!.GetValue<string>());
        Assert.Equal(events.Select(e => e!["id"]!.GetValue<long>()).Order(), events.Select(e => e!["id"]!.GetValue<long>()));
        var stored = await StoredAsync(Guid.Parse(id));
        var timings = JsonNode.Parse(stored.StepTimingsJson!)!;
        Assert.Equal("completed", timings["fetch"]!["status"]!.GetValue<string>());
        Assert.NotNull(timings["greet"]!["startedAt"]);
        Assert.NotNull(stored.OutputJson);
        Assert.Null(stored.LeaseUntil);
    }

    [Theory]
    [InlineData("""{"values":{}}""", 400, "InputError", "request/body must have required property 'templateRef'")]
    [InlineData("""{"templateRef":"hello-task"}""", 400, "InputError", "request/body must have required property 'values'")]
    [InlineData("""{"templateRef":"hello-task","values":[]}""", 400, "InputError", "request/body/values must be object")]
    [InlineData("""{"templateRef":"hello-task","values":{},"secrets":{"a":1}}""", 400, "InputError", "request/body/secrets/a must be string")]
    [InlineData("""{"templateRef":"component:default/hello-task","values":{}}""", 400, "InputError", "Invalid kind, only 'Template' kind is supported")]
    [InlineData("""{"templateRef":"nope","values":{}}""", 404, "NotFoundError", "Template template:default/nope not found")]
    [InlineData("""{"templateRef":"owner-gated","values":{},"secrets":{"token":"s3cret"}}""", 400, "InputError", "Template template:default/owner-gated needs approval")]
    public async Task Creating_a_task_with_bad_input_answers_Backstages_error(string body, int status, string name, string message)
    {
        using var response = await fixture.Priya.PostAsync($"{Base}/tasks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var error = await ErrorAsync(response);
        Assert.Equal((status, name), (error.Status, error.Name));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_failing_the_templates_parameter_schema_answer_400_with_each_field_and_no_task_is_created()
    {
        var before = (await fixture.Lucas.GetFromJsonAsync<JsonObject>($"{Base}/tasks"))!["totalTasks"]!.GetValue<int>();

        using var missing = await fixture.Lucas.PostAsJsonAsync($"{Base}/tasks", new JsonObject { ["templateRef"] = "hello-task", ["values"] = new JsonObject() });
        using var wrongType = await fixture.Lucas.PostAsJsonAsync($"{Base}/tasks",
            new JsonObject { ["templateRef"] = "hello-task", ["values"] = new JsonObject { ["name"] = 42 } });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var error = Assert.Single((await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray())!;
        // npm jsonschema's ValidationError, as Backstage answers it: the object lacks the property, named in `argument`.
        Assert.Equal("instance requires property \"name\"", error["stack"]!.GetValue<string>());
        Assert.Equal("instance", error["property"]!.GetValue<string>());
        Assert.Equal("name", error["argument"]!.GetValue<string>());
        Assert.Empty(error["path"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        var typed = Assert.Single((await wrongType.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray())!;
        Assert.Equal("instance.name", typed["property"]!.GetValue<string>());
        Assert.Equal(["name"], typed["path"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(before, (await fixture.Lucas.GetFromJsonAsync<JsonObject>($"{Base}/tasks"))!["totalTasks"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_task_is_visible_to_its_creator_and_Admins_only_and_unknown_ids_answer_404()
    {
        var id = await CreateAsync(fixture.Priya, "hello-task");

        Assert.Equal(HttpStatusCode.OK, (await fixture.Amara.GetAsync($"{Base}/tasks/{id}")).StatusCode);
        var hidden = await ErrorAsync(await fixture.Lucas.GetAsync($"{Base}/tasks/{id}"));
        Assert.Equal((404, "NotFoundError", $"No task with id '{id}' found"), hidden);
        Assert.Equal((404, "NotFoundError", "No task with id 'not-a-uuid' found"), await ErrorAsync(await fixture.Priya.GetAsync($"{Base}/tasks/not-a-uuid")));
        var unknown = Guid.NewGuid();
        Assert.Equal(404, (await ErrorAsync(await fixture.Priya.GetAsync($"{Base}/tasks/{unknown}/events"))).Status);
        Assert.Equal(404, (await ErrorAsync(await fixture.Priya.GetAsync($"{Base}/tasks/{unknown}/eventstream"))).Status);
        Assert.Equal(404, (await ErrorAsync(await fixture.Lucas.PostAsync($"{Base}/tasks/{id}/cancel", null))).Status);
    }

    [Fact]
    public async Task The_list_shows_people_their_own_tasks_and_Admins_everyones_with_Backstages_filters_and_order()
    {
        var mine = await CreateAsync(fixture.Lucas, "hello-task");
        var other = await CreateAsync(fixture.Priya, "hello-task");
        await WaitForStatusAsync(fixture.Lucas, mine, "completed");

        var lucas = (await fixture.Lucas.GetFromJsonAsync<JsonObject>($"{Base}/tasks"))!;
        var ids = lucas["tasks"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(mine, ids);
        Assert.DoesNotContain(other, ids);
        Assert.Equal(ids.Count, lucas["totalTasks"]!.GetValue<int>());
        var all = (await fixture.Amara.GetFromJsonAsync<JsonObject>($"{Base}/tasks?createdBy=user:default/priya.raman&createdBy=user:default/lucas.moreau&order=asc:created_at"))!;
        var allIds = all["tasks"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToList();
        Assert.True(allIds.IndexOf(mine) < allIds.IndexOf(other), "asc:created_at puts the older task first");
        var page = (await fixture.Amara.GetFromJsonAsync<JsonObject>($"{Base}/tasks?limit=1&offset=1&order=desc:created_at"))!;
        Assert.Single(page["tasks"]!.AsArray());
        Assert.True(page["totalTasks"]!.GetValue<int>() >= 2);
        var completed = (await fixture.Lucas.GetFromJsonAsync<JsonObject>($"{Base}/tasks?status=completed"))!;
        Assert.All(completed["tasks"]!.AsArray(), t => Assert.Equal("completed", t!["status"]!.GetValue<string>()));
        Assert.Equal((400, "InputError", "Invalid order parameter \"sideways\", expected \"<asc or desc>:<field name>\""),
            await ErrorAsync(await fixture.Lucas.GetAsync($"{Base}/tasks?order=sideways")));
        Assert.Equal((400, "InputError", "Invalid order field \"name\""), await ErrorAsync(await fixture.Lucas.GetAsync($"{Base}/tasks?order=asc:name")));
    }

    [Fact]
    public async Task Events_after_the_completion_answer_the_completion_at_once_and_a_quiet_task_answers_an_empty_list_after_the_long_poll()
    {
        var id = await CreateAsync(fixture.Priya, "hello-task");
        await WaitForStatusAsync(fixture.Priya, id, "completed");
        var events = await EventsAsync(fixture.Priya, id);
        var completionId = events.Last()!["id"]!.GetValue<long>();

        var after = await EventsAsync(fixture.Priya, id, completionId);
        Assert.Equal("completion", Assert.Single(after)!["type"]!.GetValue<string>());
        var middle = await EventsAsync(fixture.Priya, id, events[1]!["id"]!.GetValue<long>());
        Assert.Equal(events.Count - 2, middle.Count);

        var waiting = await CreateAsync(fixture.Priya, "owner-gated");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Empty(await EventsAsync(fixture.Priya, waiting, 0));
        Assert.InRange(watch.Elapsed.TotalSeconds, 1.5, 10);
    }

    [Fact]
    public async Task A_client_that_sees_a_task_finished_finds_its_completion_event_at_once()
    {
        // Status and completion event commit together (Backstage's completeTask). When they were two writes, a reader
        // polling the status and reading the events right after could catch the moment between them; polling the store
        // directly (not through HTTP) keeps each round short enough to land in that moment.
        var store = fixture.Host.Services.GetRequiredService<TaskStore>();
        var ids = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => CreateAsync(fixture.Priya, "hello-task")));

        var missing = await Task.WhenAll(ids.Select(Guid.Parse).Select(async id =>
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while ((await store.FindAsync(id, default))!.Status is not (ScaffolderTaskStatus.Completed or ScaffolderTaskStatus.Failed))
            {
                Assert.True(DateTime.UtcNow < deadline, $"Task {id} did not finish within 90 s");
            }
            var events = await store.EventsAsync(id, null, default);
            return events.Any(e => e.Type == TaskEventType.Completion) ? (Guid?)null : id;
        }));

        Assert.Empty(missing.OfType<Guid>());
        var lastGet = await GetAsync(fixture.Priya, ids[^1]);
        Assert.Contains((await EventsAsync(fixture.Priya, ids[^1])), e => e!["type"]!.GetValue<string>() == "completion");
        Assert.Equal("completed", lastGet["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_event_stream_writes_each_event_as_a_server_sent_event_and_ends_after_the_completion()
    {
        var id = await CreateAsync(fixture.Priya, "hello-task");

        using var response = await fixture.Priya.GetAsync($"{Base}/tasks/{id}/eventstream", HttpCompletionOption.ResponseHeadersRead);
        var text = await response.Content.ReadAsStringAsync(); // Ends only because the server closes the stream.

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        var frames = text[..^2].Split("\n\n");
        Assert.All(frames, f => Assert.Matches("^event: (log|completion)\ndata: \\{.*\\}$", f));
        var last = JsonNode.Parse(frames[^1].Split("\ndata: ")[1])!;
        Assert.StartsWith("event: completion\n", frames[^1], StringComparison.Ordinal);
        Assert.Equal(id, last["taskId"]!.GetValue<string>());
        Assert.False(last["isTaskRecoverable"]!.GetValue<bool>());
        Assert.Equal((await EventsAsync(fixture.Priya, id)).Count, frames.Length);
    }

    [Fact]
    public async Task The_parameter_schema_is_Backstages_with_its_errors()
    {
        var schema = (await fixture.Priya.GetFromJsonAsync<JsonObject>($"{Base}/templates/default/template/hello-task/parameter-schema"))!;

        Assert.Equal("Hello task", schema["title"]!.GetValue<string>());
        var steps = schema["steps"]!.AsArray();
        Assert.Equal("Name", steps[0]!["title"]!.GetValue<string>());
        Assert.Equal("Please enter the following information", steps[1]!["title"]!.GetValue<string>());
        Assert.False(steps[1]!["when"]!.GetValue<bool>());
        Assert.Null(steps[1]!["schema"]!["when"]);
        Assert.Equal("name", steps[0]!["schema"]!["required"]![0]!.GetValue<string>());
        Assert.Equal((400, "InputError", "Invalid kind, only 'Template' kind is supported"),
            await ErrorAsync(await fixture.Priya.GetAsync($"{Base}/templates/default/component/hello-task/parameter-schema")));
        Assert.Equal((404, "NotFoundError", "Template template:default/nope not found"),
            await ErrorAsync(await fixture.Priya.GetAsync($"{Base}/templates/default/template/nope/parameter-schema")));
    }

    private async Task<ScaffolderTask> StoredAsync(Guid id)
    {
        var factory = fixture.Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Set<ScaffolderTask>().AsNoTracking().SingleAsync(t => t.Id == id);
    }
}
