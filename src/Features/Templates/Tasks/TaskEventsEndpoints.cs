using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Identity;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>
/// A task's events: <c>GET /tasks/{id}/events?after=</c> (long poll: answers as soon as there are events after
/// <c>after</c>, the completion always included, or <c>[]</c> after <c>Templates:Tasks:LongPollSeconds</c>) and
/// <c>GET /tasks/{id}/eventstream</c> (server-sent events, ended after the completion), as in
/// docs/scaffolder-semantics.md §6.4. Both wake at once for events written in this process and poll every second for
/// those of other replicas.
/// </summary>
public static class TaskEventsEndpoints
{
    public static RouteGroupBuilder MapTaskEvents(this RouteGroupBuilder api)
    {
        api.MapGet("/tasks/{id}/events", EventsAsync).RequireAuthorization(Policies.TemplateRun);
        api.MapGet("/tasks/{id}/eventstream", StreamAsync).RequireAuthorization(Policies.TemplateRun);
        return api;
    }

    private static Task<IResult> EventsAsync(string id, HttpRequest request, ClaimsPrincipal user, TaskCommands commands, TaskStore store,
        TaskEventHub hub, IOptions<TaskOptions> options, CancellationToken ct) => TasksEndpoints.Guard(async () =>
    {
        var task = await commands.VisibleAsync(user, TasksEndpoints.ParseId(id), ct);
        var after = After(request);
        using var waiter = new TaskEventWaiter(hub, task.Id);
        var deadline = DateTime.UtcNow.AddSeconds(options.Value.LongPollSeconds);
        while (true)
        {
            var events = await store.EventsAsync(task.Id, after, ct);
            if (events.Count > 0 || DateTime.UtcNow >= deadline)
            {
                return Results.Json(new JsonArray([.. events.Select(e => (JsonNode)e.ToJson())]));
            }
            await waiter.WaitAsync(Min(TimeSpan.FromSeconds(1), deadline - DateTime.UtcNow), ct);
        }
    });

    private static async Task StreamAsync(string id, HttpContext context, ClaimsPrincipal user, TaskCommands commands, TaskStore store,
        TaskEventHub hub, CancellationToken ct)
    {
        ScaffolderTask task;
        try
        {
            task = await commands.VisibleAsync(user, TasksEndpoints.ParseId(id), ct);
        }
        catch (TaskLaunchException e)
        {
            await Catalog.Api.CatalogProblems.WriteAsync(context, e.Status, e.Name, e.Message);
            return;
        }
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        if (context.Request.Protocol is "HTTP/1.1" or "HTTP/1.0")
        {
            response.Headers.Connection = "keep-alive";
        }
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.Body.FlushAsync(ct);
        var after = After(context.Request);
        using var waiter = new TaskEventWaiter(hub, task.Id);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                foreach (var e in await store.EventsAsync(task.Id, after, ct))
                {
                    await response.WriteAsync(Frame(e), Encoding.UTF8, ct);
                    await response.Body.FlushAsync(ct);
                    after = Math.Max(after ?? 0, e.Id);
                    if (e.Type == TaskEventType.Completion)
                    {
                        return;
                    }
                }
                await waiter.WaitAsync(TimeSpan.FromSeconds(1), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    /// <summary>One server-sent event: <c>event: &lt;type&gt;\ndata: &lt;JSON&gt;\n\n</c>.</summary>
    public static string Frame(TaskEventView e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return $"event: {e.Type}\ndata: {e.ToJson().ToJsonString()}\n\n";
    }

    private static long? After(HttpRequest request) =>
        long.TryParse(request.Query["after"].ToString(), out var after) ? after : null;

    private static TimeSpan Min(TimeSpan a, TimeSpan b)
    {
        var shorter = a < b ? a : b;
        return shorter < TimeSpan.Zero ? TimeSpan.Zero : shorter;
    }
}

/// <summary>Wakes a waiting reader when this process writes an event of the task. Subscribed before the first read, so
/// nothing written in between is missed.</summary>
internal sealed class TaskEventWaiter : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0);
    private readonly IDisposable _subscription;

    public TaskEventWaiter(TaskEventHub hub, Guid taskId) => _subscription = hub.Subscribe(taskId, _ => _signal.Release());

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public void Dispose()
    {
        _subscription.Dispose();
        _signal.Dispose();
    }
}
