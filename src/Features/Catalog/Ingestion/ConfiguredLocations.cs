using Fawkes.Portal.Data;
using Fawkes.Portal.Operations.Demo;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

public enum ConfiguredOutcome
{
    Registered,
    AlreadyRegistered,
    Failed,
}

public sealed record ConfiguredResult(string Type, string Target, ConfiguredOutcome Outcome, string? Error = null);

/// <summary>
/// Registers <c>Catalog:Locations</c>, <c>Catalog:GitHubDiscovery:Organizations</c>, the shipped golden-path templates
/// (every mode) and the demo catalog at start.
/// Replicas starting together take turns under the replica lock; registration is idempotent, and one failing location
/// is logged and kept in <see cref="LastRun"/> while the rest are still registered.
/// </summary>
public sealed class ConfiguredLocations(
    LocationService locations, IOptions<CatalogOptions> options, DemoSeeder demo, TemplateLocation templates, ReplicaLock replicaLock,
    ILogger<ConfiguredLocations> logger)
{
    private const string Job = "catalog-configured-locations";
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(60);

    /// <summary>What the last registration did with each configured location (failures included, for operators).</summary>
    public IReadOnlyList<ConfiguredResult> LastRun { get; private set; } = [];

    public IEnumerable<(string Type, string Target, string Origin)> All()
    {
        foreach (var configured in options.Value.Locations)
        {
            yield return (configured.Type, configured.Target, "config");
        }
        foreach (var organization in options.Value.GitHubDiscovery.Organizations)
        {
            yield return (SourceFetcher.GitHubDiscovery, organization, "config");
        }
        if (templates.Target is { } shipped)
        {
            // "config": like a location from app-config, it is not listed by GET /locations (Backstage hides those too).
            yield return ("file", shipped, "config");
        }
        if (demo.IsEnabled)
        {
            yield return ("file", Path.GetFullPath(Path.Combine(demo.ContentRoot, "catalog", "catalog-info.yaml")), "demo");
        }
    }

    public async Task<IReadOnlyList<ConfiguredResult>> RegisterAsync(CancellationToken ct)
    {
        await using var held = await WaitForLockAsync(ct);
        var results = new List<ConfiguredResult>();
        foreach (var (type, target, origin) in All())
        {
            results.Add(await RegisterOneAsync(type, target, origin, ct));
        }
        LastRun = results;
        return results;
    }

    private async Task<ConfiguredResult> RegisterOneAsync(string type, string target, string origin, CancellationToken ct)
    {
        try
        {
            var id = await locations.EnsureAsync(type, target, origin, null, ct);
            return new ConfiguredResult(type, target, id is null ? ConfiguredOutcome.AlreadyRegistered : ConfiguredOutcome.Registered);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // One bad entry (a target too long to store, a database hiccup) must not keep the others out.
            var reason = ex.InnerException?.Message ?? ex.Message;
            logger.LogError(ex, "Registering configured catalog location {Type}:{Target} failed; continuing with the rest", type, Shorten(target));
            return new ConfiguredResult(type, target, ConfiguredOutcome.Failed, $"Could not register {type}:{Shorten(target)}: {reason}");
        }
    }

    /// <summary>Waits for the other replica to finish (it holds the lock only while registering); proceeds without it after a minute, which is safe because registration is idempotent.</summary>
    private async Task<IAsyncDisposable?> WaitForLockAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            if (await replicaLock.TryAcquireAsync(Job, ct) is { } held)
            {
                return held;
            }
            if (DateTime.UtcNow > deadline)
            {
                logger.LogWarning("Another replica held {Job} for over {Seconds} s; registering configured locations without the lock", Job, LockWait.TotalSeconds);
                return null;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    private static string Shorten(string target) => target.Length <= 200 ? target : $"{target[..200]}… ({target.Length:N0} characters)";
}
