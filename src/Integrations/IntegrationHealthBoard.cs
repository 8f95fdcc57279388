namespace Fawkes.Portal.Integrations;

/// <summary>
/// Every integration instance's health, checked in parallel and shared for a few seconds (an Admin page left open, or
/// several admins, must not hammer the upstreams). Deliberately not a registered health check: <c>/readyz</c> never sees it.
/// </summary>
public sealed class IntegrationHealthBoard(IEnumerable<IIntegrationHealthSource> sources, TimeProvider time)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);
    private readonly SingleFlightCache<IReadOnlyList<InstanceHealth>> _cache = new(time, Ttl);

    public Task<IReadOnlyList<InstanceHealth>> CheckAsync(CancellationToken cancellationToken) =>
        _cache.GetAsync("all", async () =>
        {
            // The checks run on their own: one admin closing the page must not cancel the answer the next one joins.
            var results = await Task.WhenAll(sources.Select(s => s.CheckAsync(CancellationToken.None)));
            return (IReadOnlyList<InstanceHealth>)[.. results.SelectMany(r => r).OrderBy(h => h.Kind, StringComparer.Ordinal).ThenBy(h => h.Name, StringComparer.Ordinal)];
        }, cancellationToken);
}
