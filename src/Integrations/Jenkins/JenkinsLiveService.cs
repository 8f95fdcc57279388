using System.Net;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.Jenkins;

/// <summary>
/// An entity's Jenkins job: builds, the newest build's stages and its failed stage's console tail, and problems. Each
/// answer (or failure) is shared by every viewer for <c>CacheSeconds</c>, one request in flight per instance, job and
/// branch, and bounded by the instance's budget so a slow Jenkins never holds the page.
/// </summary>
public sealed class JenkinsLiveService
{
    private readonly JenkinsInstances _instances;
    private readonly JenkinsClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger<JenkinsLiveService> _logger;
    private readonly SingleFlightCache<JenkinsAnswer> _answers;
    private readonly SingleFlightCache<JenkinsRunView?> _runs;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _generations = new(StringComparer.Ordinal);

    public JenkinsLiveService(
        JenkinsInstances instances, JenkinsClient client, IOptions<JenkinsIntegrationOptions> options, TimeProvider time, ILogger<JenkinsLiveService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_instances, _client, _time, _logger) = (instances, client, time, logger);
        _answers = new SingleFlightCache<JenkinsAnswer>(time, TimeSpan.FromSeconds(options.Value.CacheSeconds));
        _runs = new SingleFlightCache<JenkinsRunView?>(time, TimeSpan.FromSeconds(options.Value.CacheSeconds));
    }

    /// <param name="branch">A multibranch project's branch to show; null picks <paramref name="defaultBranch"/>, else main/master.</param>
    public async Task<JenkinsAnswer> GetAsync(JenkinsJobRef? job, string? branch, string? defaultBranch, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (job is null)
        {
            return Empty(null, $"This entity has no {JenkinsJobRef.Annotation} annotation, so no Jenkins is asked. "
                + "Add one ('folder/job' or 'instance:folder/job') to its catalog-info.yaml to see its builds here.", now);
        }
        if (_instances.All.Count == 0)
        {
            return Empty(job.FullName, $"No Jenkins instance is configured: set {JenkinsIntegrationOptions.Section}:Instances:0:Name and :Url (see the README).", now);
        }
        if (_instances.Find(job.Instance) is not { } instance)
        {
            var known = string.Join(", ", _instances.All.Select(i => i.Name));
            return Empty(job.FullName, null, now) with
            {
                Instance = job.Instance,
                Instances = [new(job.Instance!, IntegrationStatus.NotConfigured,
                    $"{JenkinsJobRef.Annotation} names the Jenkins instance '{job.Instance}', which is not configured (configured: {known}).", null, false)],
            };
        }
        var wanted = branch ?? defaultBranch;
        return await _answers.GetAsync($"{instance.Name}\n{Generation(instance)}\n{job.FullName}\n{wanted}", () => QueryAsync(instance, job, branch, defaultBranch), cancellationToken);
    }

    /// <summary>The stage view of any build of the job the answer showed (the tab's selected build).</summary>
    public Task<JenkinsRunView?> GetRunAsync(JenkinsAnswer answer, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Job is not { } job || _instances.Find(answer.Instance) is not { } instance)
        {
            return Task.FromResult<JenkinsRunView?>(null);
        }
        return _runs.GetAsync($"{instance.Name}\n{job}\n{number}", async () =>
        {
            using var deadline = new CancellationTokenSource(_instances.Budget + TimeSpan.FromMilliseconds(250), _time);
            return await ReadRunAsync(instance, job, number, deadline.Token);
        }, cancellationToken);
    }

    /// <summary>Starts a build of the job the answer showed. Returns the queue item's URL, or the failure (safe to show).</summary>
    public async Task<(Uri? Queued, UpstreamFailure? Failure)> RebuildAsync(JenkinsAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Job is not { } job || _instances.Find(answer.Instance) is not { } instance)
        {
            return (null, new UpstreamFailure(IntegrationStatus.NotConfigured, answer.Message ?? "There is no Jenkins job to rebuild."));
        }
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_instances.Budget + TimeSpan.FromMilliseconds(250));
            var parameters = await _client.RebuildParametersAsync(instance, job, deadline.Token);
            var queued = await _client.BuildAsync(instance, job, deadline.Token, parameters);
            // The next view asks Jenkins again instead of showing the cached answer without the new build.
            _generations.AddOrUpdate(instance.Name, 1, (_, g) => g + 1);
            return (queued, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            var failure = UpstreamFailure.FromException(ex, $"Jenkins '{instance.Name}'", _instances.Budget);
            _logger.LogWarning("Jenkins {Instance} refused a rebuild of {Job}: {Status} {Error}", instance.Name, job, failure.Status, failure.Error);
            return (null, failure);
        }
    }

    private async Task<JenkinsAnswer> QueryAsync(JenkinsInstance instance, JenkinsJobRef job, string? branch, string? defaultBranch)
    {
        var budget = _instances.Budget;
        var started = _time.GetTimestamp();
        var what = $"Jenkins '{instance.Name}'";
        UpstreamFailure failure;
        try
        {
            // A backstop over every call of this answer, so no path holds it past the budget.
            using var deadline = new CancellationTokenSource(budget + TimeSpan.FromMilliseconds(250), _time);
            var name = job.FullName;
            var json = await ReadJobAsync(instance, name, deadline.Token);
            IReadOnlyList<string> branches = [];
            string? picked = null;
            if (JenkinsParser.IsMultibranch(json))
            {
                branches = [.. JenkinsParser.Branches(json).Select(Uri.UnescapeDataString)];
                picked = JenkinsParser.PickBranch(JenkinsParser.Branches(json), branch, defaultBranch);
                if (picked is null)
                {
                    return Answer(instance, name, null, started) with { Message = $"The multibranch project '{name}' has no branch jobs yet." };
                }
                name = $"{name}/{picked}";
                json = await ReadJobAsync(instance, name, deadline.Token);
            }
            var builds = JenkinsParser.Builds(json);
            var newest = builds.MaxBy(b => b.Number);
            var run = newest is null ? null : await ReadRunAsync(instance, name, newest.Number, deadline.Token);
            // While a new build runs, the failed one before it still decides the problem: its stage names the cause.
            var finished = builds.Where(b => b.Result != "BUILDING").MaxBy(b => b.Number);
            var judged = finished is { Result: "FAILURE" } && finished.Number != newest?.Number
                ? await ReadRunAsync(instance, name, finished.Number, deadline.Token) : run;
            var url = json["url"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var u) ? u : new Uri(instance.Url, JenkinsClient.JobPath(name)).AbsoluteUri;
            return Answer(instance, name, null, started) with
            {
                Branch = picked is null ? null : Uri.UnescapeDataString(picked), Branches = branches, Url = url, Builds = builds, LastRun = run,
                Problems = JenkinsProblems.Detect(instance.Name, name, builds, judged),
            };
        }
        catch (JobNotFoundException ex)
        {
            failure = new UpstreamFailure(IntegrationStatus.NotFound,
                $"{what} has no job '{ex.Job}' (404). Check the {JenkinsJobRef.Annotation} annotation (folders are separated by '/').");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failure = UpstreamFailure.FromException(ex, what, budget);
            if (failure.Status == IntegrationStatus.Unreachable && _time.GetElapsedTime(started) >= budget - TimeSpan.FromMilliseconds(100))
            {
                failure = new UpstreamFailure(IntegrationStatus.Timeout, $"{what} gave no answer within {budget.TotalSeconds:0.#} s.");
            }
        }
        // The failure's text is ours (status, path): never the token or the request headers.
        _logger.LogWarning("Jenkins {Instance} answered {Status} for job {Job}: {Error}", instance.Name, failure.Status, job.FullName, failure.Error);
        return Answer(instance, job.FullName, failure, started);
    }

    private async Task<System.Text.Json.Nodes.JsonObject> ReadJobAsync(JenkinsInstance instance, string job, CancellationToken ct)
    {
        try
        {
            return await _client.GetJobAsync(instance, job, ct);
        }
        catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new JobNotFoundException(job);
        }
    }

    /// <summary>wfapi of a run, and the failed step's log. Null when the controller has no Pipeline Stage View (404).</summary>
    private async Task<JenkinsRunView?> ReadRunAsync(JenkinsInstance instance, string job, int number, CancellationToken ct)
    {
        try
        {
            var run = JenkinsParser.Run(number, await _client.GetRunAsync(instance, job, number, ct));
            if (JenkinsParser.FailedStage(run) is not { } stage)
            {
                return run;
            }
            var node = JenkinsParser.FailedNodeId(await _client.GetNodeAsync(instance, job, number, stage.Id, ct)) ?? stage.Id;
            var log = await _client.GetNodeLogAsync(instance, job, number, node, ct);
            return run with
            {
                FailedStage = stage.Name, ConsoleTail = JenkinsParser.Tail(log),
                ConsoleUrl = new Uri(instance.Url, $"{JenkinsClient.JobPath(job)}{number}/execution/node/{Uri.EscapeDataString(node)}/log").AbsoluteUri,
            };
        }
        catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private int Generation(JenkinsInstance instance) => _generations.GetValueOrDefault(instance.Name);

    private JenkinsAnswer Answer(JenkinsInstance instance, string job, UpstreamFailure? failure, long started) =>
        Empty(job, null, _time.GetUtcNow()) with
        {
            Instance = instance.Name,
            Instances = [new(instance.Name, failure?.Status ?? IntegrationStatus.Ok, failure?.Error, (long)_time.GetElapsedTime(started).TotalMilliseconds, instance.Demo)],
        };

    private static JenkinsAnswer Empty(string? job, string? message, DateTimeOffset now) => new(null, job, null, [], null, [], null, [], [], message, now);

    private sealed class JobNotFoundException(string job) : Exception($"No job {job}")
    {
        public string Job { get; } = job;
    }
}
