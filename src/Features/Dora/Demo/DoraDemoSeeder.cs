using Fawkes.Portal.Features.Dora.Events;
using Fawkes.Portal.Operations.Demo;

namespace Fawkes.Portal.Features.Dora.Demo;

/// <summary>In demo mode, fills an empty event store with <see cref="DoraDemoHistory"/> once, in the background.</summary>
internal sealed class DoraDemoSeeder(DemoSeeder demo, DoraEventStore store, TimeProvider time, ILogger<DoraDemoSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!demo.IsEnabled)
        {
            return;
        }
        try
        {
            if (await store.CountAsync(stoppingToken) > 0)
            {
                return;
            }
            var events = DoraDemoHistory.Generate(time.GetUtcNow());
            await store.UpsertAsync(events, "demo", stoppingToken);
            logger.LogInformation("Demo mode: {Count} DORA events of 180 days seeded", events.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Seeding demo DORA history failed");
        }
    }
}
