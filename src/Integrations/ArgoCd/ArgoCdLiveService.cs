using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.ArgoCd;

/// <summary>
/// An entity's ArgoCD applications on every instance (or the one it names), asked in parallel; each instance's answer is
/// shared by every viewer for <c>CacheSeconds</c> with one request in flight per instance and entity. Commit metadata is
/// immutable, so it is kept for an hour. A failing or slow instance only marks its own entry.
/// </summary>
public sealed class ArgoCdLiveService
{
    /// <summary>Applications read at most per instance (a selector matching hundreds is a mistake, not a page).</summary>
    private const int MaxApps = 20;
    private readonly ArgoCdInstances _instances;
    private readonly ArgoCdClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger<ArgoCdLiveService> _logger;
    private readonly SingleFlightCache<InstanceResult> _cache;
    private readonly SingleFlightCache<JsonObject?> _commits;

    public ArgoCdLiveService(ArgoCdInstances instances, ArgoCdClient client, IOptions<ArgoCdInstancesOptions> options, TimeProvider time,
        ILogger<ArgoCdLiveService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_instances, _client, _time, _logger) = (instances, client, time, logger);
        _cache = new SingleFlightCache<InstanceResult>(time, TimeSpan.FromSeconds(options.Value.CacheSeconds));
        _commits = new SingleFlightCache<JsonObject?>(time, TimeSpan.FromHours(1));
    }

    public async Task<ArgoCdAnswer> GetAsync(ArgoCdSelector? selector, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (selector is null)
        {
            return new(null, null, null, [], [], [], $"This entity has no {ArgoCdSelector.AppNameAnnotation} or {ArgoCdSelector.AppSelectorAnnotation} "
                + "annotation, so no ArgoCD instance is asked. Add one to its catalog-info.yaml to see its deployments here.", now);
        }
        var all = _instances.All;
        var asked = selector.InstanceName is { } wanted ? [.. all.Where(i => string.Equals(i.Name, wanted, StringComparison.OrdinalIgnoreCase))] : all;
        string? message = all.Count == 0
            ? $"No ArgoCD instance is configured: set {ArgoCdInstancesOptions.Section}:Instances:0:Name, :Url and :Token (see the README)."
            : asked.Count == 0
                ? $"The entity's {ArgoCdSelector.InstanceNameAnnotation} is '{selector.InstanceName}', but no ArgoCD instance has that name "
                    + $"(configured: {string.Join(", ", all.Select(i => i.Name))})."
                : null;
        if (message is not null)
        {
            return new(selector.AppName, selector.AppSelector, selector.InstanceName, [], [], [], message, now);
        }
        var results = await Task.WhenAll(asked.Select(i => _cache.GetAsync(i.Name + "\n" + selector.CacheKey, () => QueryAsync(i, selector), cancellationToken)));
        return new(selector.AppName, selector.AppSelector, selector.InstanceName, [.. results.SelectMany(r => r.Apps)],
            [.. results.SelectMany(r => r.Apps).SelectMany(ArgoCdProblems.Detect)], [.. results.Select(r => r.View)], null, now);
    }

    /// <summary>Starts a sync of one application on one instance. Callers decide the permission and check the app is the entity's.</summary>
    /// <returns>Null when it started, else why not (safe to show).</returns>
    /// <summary>The sync's status when ArgoCD answered but would not start it (an operation already running, a sync window).</summary>
    public const string SyncRefused = "refused";

    public async Task<UpstreamFailure?> SyncAsync(string instanceName, string app, string? appNamespace, CancellationToken cancellationToken)
    {
        var instance = _instances.All.FirstOrDefault(i => string.Equals(i.Name, instanceName, StringComparison.OrdinalIgnoreCase));
        if (instance is null)
        {
            return new UpstreamFailure(IntegrationStatus.NotConfigured, $"No ArgoCD instance is named '{instanceName}'.");
        }
        try
        {
            await _client.SyncAsync(instance, app, appNamespace, cancellationToken);
            // The application's state changes now: the next look at this instance asks ArgoCD instead of the cache.
            _cache.Invalidate(key => key.StartsWith(instance.Name + "\n", StringComparison.Ordinal));
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            var failure = ex is ArgoCdApiException { StatusCode: HttpStatusCode.BadRequest or HttpStatusCode.Conflict } refused
                ? new UpstreamFailure(SyncRefused, $"ArgoCD '{instance.Name}' refused the sync: {refused.Detail ?? refused.Message}")
                : Classify(ex, instance, _instances.Budget);
            _logger.LogWarning("ArgoCD {Instance} refused the sync of {App}: {Status} {Error}", instance.Name, app, failure.Status, failure.Error);
            return failure;
        }
    }

    private async Task<InstanceResult> QueryAsync(ArgoCdInstance instance, ArgoCdSelector selector)
    {
        var budget = _instances.Budget;
        var started = _time.GetTimestamp();
        UpstreamFailure failure;
        try
        {
            // A backstop behind the pipeline's own timeouts: the whole answer (app, tree, authors) fits in the budget.
            using var deadline = new CancellationTokenSource(budget + TimeSpan.FromMilliseconds(250), _time);
            var apps = selector.AppName is { } name
                ? [await _client.GetApplicationAsync(instance, name, deadline.Token)]
                : (await _client.ListApplicationsAsync(instance, selector.AppSelector!, deadline.Token)).Take(MaxApps).ToList();
            var views = await Task.WhenAll(apps.Select(a => DetailAsync(instance, a, deadline.Token)));
            return new([.. views], new ArgoCdInstanceView(instance.Name, IntegrationStatus.Ok, null, Elapsed(started), instance.Demo));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failure = Classify(ex, instance, _instances.Budget);
            if (failure.Status == IntegrationStatus.Unreachable && _time.GetElapsedTime(started) >= budget - TimeSpan.FromMilliseconds(100))
            {
                failure = new UpstreamFailure(IntegrationStatus.Timeout, $"ArgoCD '{instance.Name}' gave no answer within {budget.TotalSeconds:0.#} s.");
            }
        }
        // The failure's text is ours and ArgoCD's error message: never the token, password or request headers.
        _logger.LogWarning("ArgoCD instance {Instance} answered {Status} for {Selector}: {Error}",
            instance.Name, failure.Status, selector.AppName ?? selector.AppSelector, failure.Error);
        return new([], new ArgoCdInstanceView(instance.Name, failure.Status, failure.Error, Elapsed(started), instance.Demo));
    }

    /// <summary>The resource tree and the history's commit authors, in parallel; either missing only leaves its part out.</summary>
    private async Task<ArgoCdAppView> DetailAsync(ArgoCdInstance instance, JsonObject app, CancellationToken ct)
    {
        var (name, ns) = (ArgoCdMapper.S(app["metadata"]?["name"]) ?? "", ArgoCdMapper.S(app["metadata"]?["namespace"]));
        var tree = Optional(async () => (JsonObject?)await _client.GetResourceTreeAsync(instance, name, ns, ct), ct);
        var revisions = ArgoCdMapper.HistoryRevisions(app);
        // A failed metadata read is not kept (the cache drops loads that threw): the next refresh tries again.
        var commits = revisions.Select(r => Optional(() => _commits.GetAsync($"{instance.Name}\n{name}\n{r}",
            async () => (JsonObject?)await _client.GetRevisionMetadataAsync(instance, name, ns, r, CancellationToken.None), ct), ct)).ToList();
        await Task.WhenAll([tree, .. commits]);
        var byRevision = revisions.Zip(commits).Where(p => p.Second.Result is not null).ToDictionary(p => p.First, p => p.Second.Result!, StringComparer.Ordinal);
        return ArgoCdMapper.Map(instance.Name, app, tree.Result, byRevision);
    }

    /// <summary>A part the tab can do without (a Helm revision has no commit): its failure is null, except the deadline's.</summary>
    private async Task<JsonObject?> Optional(Func<Task<JsonObject?>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is HttpRequestException { StatusCode: not HttpStatusCode.Unauthorized } or OperationCanceledException
            && !ct.IsCancellationRequested)
        {
            _logger.LogDebug("ArgoCD detail not read: {Error}", ex.Message);
            return null;
        }
    }

    internal static UpstreamFailure Classify(Exception exception, ArgoCdInstance instance, TimeSpan budget)
    {
        var what = $"ArgoCD '{instance.Name}'";
        if (exception is ArgoCdApiException { StatusCode: { } code } api)
        {
            return code == HttpStatusCode.Unauthorized && instance.UsesSession
                ? new UpstreamFailure(IntegrationStatus.Unauthorized, $"{what} refused the login (401){(api.Detail is { } d ? ": " + d : "")}. Check Username and Password.")
                : code == HttpStatusCode.NotFound && api.Detail is { } missing
                    ? new UpstreamFailure(IntegrationStatus.NotFound, $"{what}: {missing}. Check the entity's {ArgoCdSelector.AppNameAnnotation} annotation.")
                    : UpstreamFailure.FromStatusCode(code, what, api.Detail);
        }
        return UpstreamFailure.FromException(exception, what, budget);
    }

    private long Elapsed(long started) => (long)_time.GetElapsedTime(started).TotalMilliseconds;

    private sealed record InstanceResult(IReadOnlyList<ArgoCdAppView> Apps, ArgoCdInstanceView View);
}
