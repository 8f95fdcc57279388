using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Templates.Tasks;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Fawkes.Portal.IntegrationTests.Templates.TaskApi;

namespace Fawkes.Portal.IntegrationTests.Templates;

/// <summary>Two replicas on one PostgreSQL database: the lease makes each task run once, and a task a dead replica left
/// <c>processing</c> is failed with the reason when a replica starts.</summary>
public sealed class TaskReplicaTests : IAsyncLifetime
{
    private readonly string _folder = TaskTemplates.Create();
    private PortalHost _first = default!;

    public async Task InitializeAsync() => _first = await PortalHost.StartPostgresAsync(TasksFixture.Settings(_folder));

    public async Task DisposeAsync() => await _first.DisposeAsync();

    [Fact]
    public async Task Two_replicas_run_every_task_exactly_once_and_a_restart_fails_the_task_a_dead_replica_left_running()
    {
        var dead = await InsertAbandonedTaskAsync();
        await using var second = PortalHost.Start(new Dictionary<string, string?>(TasksFixture.Settings(_folder))
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Portal"] = _first.ConnectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Portal:Demo:Enabled"] = "true",
        });
        using var priya = await TasksFixture.SignInAsync(_first, "priya.raman", "Developer");
        await TasksFixture.WaitForTemplatesAsync(priya);

        // The restart: the second replica's start-up found the task with an expired lease.
        var recovered = await WaitForStatusAsync(priya, dead.ToString(), "failed");
        Assert.Equal("failed", recovered["status"]!.GetValue<string>());
        var deadEvents = await EventsAsync(priya, dead.ToString());
        Assert.Equal(TaskRecovery.RestartedReason, deadEvents[^2]!["body"]!["message"]!.GetValue<string>());
        Assert.Equal("failed", deadEvents[^2]!["body"]!["status"]!.GetValue<string>());
        Assert.Equal(TaskRecovery.RestartedReason, deadEvents[^1]!["body"]!["error"]!["message"]!.GetValue<string>());

        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(await CreateAsync(priya, "hello-task"));
        }
        foreach (var id in ids)
        {
            await WaitForStatusAsync(priya, id, "completed");
        }
        var claimedBy = new HashSet<string>();
        foreach (var id in ids)
        {
            var events = await EventsAsync(priya, id);
            Assert.Single(events, e => e!["body"]!["message"]?.GetValue<string>()?.StartsWith("Starting up task", StringComparison.Ordinal) == true);
            Assert.Single(events, e => e!["type"]!.GetValue<string>() == "completion");
            claimedBy.Add((await StoredAsync(Guid.Parse(id))).ClaimedBy!);
        }
        Assert.Subset(new HashSet<string> { Replica(_first), Replica(second) }, claimedBy);
    }

    [Fact]
    public async Task Of_many_simultaneous_claims_on_one_open_task_exactly_one_wins()
    {
        var store = _first.Services.GetRequiredService<TaskStore>();
        // Pinned to a replica name no worker has, so only the racing claims below may take it.
        var id = await InsertAsync(ScaffolderTaskStatus.Open, "racer", DateTimeOffset.UtcNow.AddHours(1));

        var wins = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => store.TryClaimAsync(id, "racer", TimeSpan.FromMinutes(1), CancellationToken.None))));

        Assert.Equal(1, wins.Count(w => w));
        Assert.Equal(ScaffolderTaskStatus.Processing, (await StoredAsync(id)).Status);
    }

    private static string Replica(PortalHost host) => host.Services.GetRequiredService<TaskWorker>().ReplicaId;

    private async Task<Guid> InsertAbandonedTaskAsync()
    {
        var id = await InsertAsync(ScaffolderTaskStatus.Processing, "replica-that-died", DateTimeOffset.UtcNow.AddMinutes(-5));
        var store = _first.Services.GetRequiredService<TaskStore>();
        await store.AppendAsync(id, TaskEventType.Log, new JsonObject { ["message"] = "Starting up task with 1 steps" }, CancellationToken.None);
        await store.AppendAsync(id, TaskEventType.Log, new JsonObject { ["stepId"] = "greet", ["status"] = "processing", ["message"] = "Beginning step greet" }, CancellationToken.None);
        return id;
    }

    private async Task<Guid> InsertAsync(string status, string claimedBy, DateTimeOffset leaseUntil)
    {
        var factory = _first.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var task = new ScaffolderTask
        {
            Id = Guid.NewGuid(),
            SpecJson = """{"apiVersion":"scaffolder.backstage.io/v1beta3","steps":[],"output":{},"parameters":{},"user":{},"templateInfo":{"entityRef":"template:default/hello-task"}}""",
            Status = status,
            CreatedBy = "user:default/priya.raman",
            Initiator = "user:default/priya.raman",
            CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-10),
            ClaimedBy = claimedBy,
            LeaseUntil = leaseUntil,
        };
        db.Add(task);
        await db.SaveChangesAsync();
        return task.Id;
    }

    private async Task<ScaffolderTask> StoredAsync(Guid id)
    {
        var factory = _first.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Set<ScaffolderTask>().AsNoTracking().SingleAsync(t => t.Id == id);
    }
}
