using Fawkes.Portal.Features.Dora.Pollers;
using Fawkes.Portal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Live;

/// <summary>
/// The DORA pollers read every annotated application or job once right after start-up: a consumer of its own, not the
/// live panels' caches. Tests that count a panel's upstream calls wait for that round and count only what follows.
/// </summary>
internal static class PollerRounds
{
    public static async Task WaitForFirstAsync(PortalHost host, string poller)
    {
        var board = host.Services.GetRequiredService<PollerStatusBoard>();
        for (var deadline = DateTime.UtcNow.AddSeconds(15); !board.All().Any(p => p.Name == poller) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(50);
        }
        Assert.Contains(board.All(), p => p.Name == poller);
    }
}
