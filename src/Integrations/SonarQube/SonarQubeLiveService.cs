using System.Net;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.SonarQube;

/// <summary>
/// An entity's SonarQube project: quality gate with its conditions, key measures and problems. Each answer (or failure)
/// is shared by every viewer for <c>CacheSeconds</c>, one request in flight per instance and project, and bounded by the
/// instance's budget so a slow SonarQube never holds the page.
/// </summary>
public sealed class SonarQubeLiveService
{
    private readonly SonarQubeInstances _instances;
    private readonly SonarQubeClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger<SonarQubeLiveService> _logger;
    private readonly SingleFlightCache<SonarQubeAnswer> _answers;

    public SonarQubeLiveService(
        SonarQubeInstances instances, SonarQubeClient client, IOptions<SonarQubeOptions> options, TimeProvider time, ILogger<SonarQubeLiveService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_instances, _client, _time, _logger) = (instances, client, time, logger);
        _answers = new SingleFlightCache<SonarQubeAnswer>(time, TimeSpan.FromSeconds(options.Value.CacheSeconds));
    }

    public async Task<SonarQubeAnswer> GetAsync(SonarQubeProjectRef? project, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (project is null)
        {
            return Empty(null, $"This entity has no {SonarQubeProjectRef.Annotation} annotation, so no SonarQube is asked. "
                + "Add one ('projectKey' or 'instance/projectKey') to its catalog-info.yaml to see its quality gate here.", now);
        }
        if (_instances.All.Count == 0)
        {
            return Empty(project.Key, $"No SonarQube instance is configured: set {SonarQubeOptions.Section}:Instances:0:Name, :Url and :Token (see the README).", now);
        }
        if (_instances.Find(project.Instance) is not { } instance)
        {
            var known = string.Join(", ", _instances.All.Select(i => i.Name));
            return Empty(project.Key, null, now) with
            {
                Instance = project.Instance,
                Instances = [new(project.Instance!, IntegrationStatus.NotConfigured,
                    $"{SonarQubeProjectRef.Annotation} names the SonarQube instance '{project.Instance}', which is not configured (configured: {known}).", null, false)],
            };
        }
        return await _answers.GetAsync($"{instance.Name}\n{project.Key}", () => QueryAsync(instance, project.Key), cancellationToken);
    }

    private async Task<SonarQubeAnswer> QueryAsync(SonarQubeInstance instance, string key)
    {
        var budget = _instances.Budget;
        var started = _time.GetTimestamp();
        var what = $"SonarQube '{instance.Name}'";
        UpstreamFailure failure;
        try
        {
            // A backstop over both calls, so no path holds the answer past the budget.
            using var deadline = new CancellationTokenSource(budget + TimeSpan.FromMilliseconds(250), _time);
            var gateCall = _client.GetProjectStatusAsync(instance, key, deadline.Token);
            var measuresCall = _client.GetMeasuresAsync(instance, key, deadline.Token);
            await Task.WhenAll(gateCall, measuresCall);
            var gate = SonarQubeMapper.Gate(await gateCall);
            var measures = SonarQubeMapper.Measures(await measuresCall, out var projectName);
            return Answer(instance, key, null, started) with
            {
                ProjectName = projectName, QualityGate = gate, Measures = measures, Problems = SonarQubeMapper.Problems(instance.Name, key, gate),
            };
        }
        catch (SonarQubeApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            failure = new UpstreamFailure(IntegrationStatus.NotFound,
                $"{what} has no project '{key}' (404{(ex.Detail is { } d ? ": " + d : "")}). Check the {SonarQubeProjectRef.Annotation} annotation "
                + "(the key is on the project's Information page in SonarQube), and that the token may browse the project.");
        }
        catch (SonarQubeApiException ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
        {
            failure = new UpstreamFailure(IntegrationStatus.Unauthorized,
                $"{what} answered 403{(ex.Detail is { } d ? ": " + d : "")}. The token's user lacks 'Browse' permission on project '{key}'.");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failure = UpstreamFailure.FromException(ex, what, budget);
            if (failure.Status == IntegrationStatus.Unreachable && _time.GetElapsedTime(started) >= budget - TimeSpan.FromMilliseconds(100))
            {
                failure = new UpstreamFailure(IntegrationStatus.Timeout, $"{what} gave no answer within {budget.TotalSeconds:0.#} s.");
            }
        }
        // The failure's text is ours and SonarQube's error message: never the token or the request headers.
        _logger.LogWarning("SonarQube {Instance} answered {Status} for project {Project}: {Error}", instance.Name, failure.Status, key, failure.Error);
        return Answer(instance, key, failure, started);
    }

    private SonarQubeAnswer Answer(SonarQubeInstance instance, string key, UpstreamFailure? failure, long started) =>
        Empty(key, null, _time.GetUtcNow()) with
        {
            Instance = instance.Name, DashboardUrl = instance.DashboardUrl(key),
            Instances = [new(instance.Name, failure?.Status ?? IntegrationStatus.Ok, failure?.Error, (long)_time.GetElapsedTime(started).TotalMilliseconds, instance.Demo)],
        };

    private static SonarQubeAnswer Empty(string? key, string? message, DateTimeOffset now) => new(null, key, null, null, null, null, [], [], message, now);
}
