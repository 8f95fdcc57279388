using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Dora.Events;
using Fawkes.Portal.Integrations.Jenkins;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Dora.Pollers;

/// <summary>
/// Reads the newest builds of every job a component names (<c>jenkins.io/job-full-name</c>) and stores finished builds
/// the Notification plugin did not deliver. Jenkins is the one of <c>Dora:Jenkins</c> while that is set (deprecated), else the
/// instance each annotation names among <c>Integrations:Jenkins:Instances</c> (the first when it names none).
/// </summary>
internal sealed class JenkinsPoller(
    JenkinsClient jenkins, JenkinsInstances instances, CatalogQueries catalog, DoraEventStore store, IOptions<JenkinsOptions> options,
    ReplicaLock replicaLock, PollerStatusBoard board, TimeProvider time, ILogger<JenkinsPoller> logger)
    : DoraPoller(replicaLock, board, time, logger)
{
    public const string Annotation = "jenkins.io/job-full-name";

    protected override string Name => "jenkins";

    protected override bool Enabled => options.Value.Enabled || instances.AnyConfigured;

    protected override int PollSeconds => options.Value.PollSeconds;

    protected override async Task<PollRound> PollOnceAsync(CancellationToken ct)
    {
        var added = 0;
        var errors = new List<string>();
        foreach (var (annotation, service) in await AnnotatedComponents.ListAsync(catalog, Annotation, ct))
        {
            var job = JobFullName(annotation);
            try
            {
                var builds = (await BuildsAsync(annotation, job, ct)).OfType<System.Text.Json.Nodes.JsonObject>()
                    .Select(b => JenkinsBuildEvent.FromApiBuild(job, service, b))
                    .OfType<System.Text.Json.Nodes.JsonObject>()
                    .ToList();
                var (parsed, invalid) = DoraEventParser.ParseAll(builds);
                errors.AddRange(invalid.Select(e => $"{job}: build {e.Key} skipped: {string.Join(" ", e.Value)}"));
                added += await store.InsertMissingAsync(parsed, JenkinsBuildEvent.PollerSource, ct);
            }
            catch (Exception ex) when (IsUpstreamFailure(ex, ct))
            {
                var reason = Describe(ex, options.Value.TimeoutSeconds);
                logger.LogWarning("Jenkins job {Job} could not be read: {Reason}", job, reason);
                errors.Add($"{job}: {reason}");
            }
        }
        return new PollRound(added, errors);
    }

    private async Task<System.Text.Json.Nodes.JsonArray> BuildsAsync(string annotation, string job, CancellationToken ct)
    {
        if (options.Value.Enabled)
        {
            return await jenkins.GetBuildsAsync(job, ct);
        }
        var name = JenkinsJobRef.Parse(annotation)?.Instance;
        var instance = instances.Find(name)
            ?? throw new HttpRequestException($"{JenkinsJobRef.Annotation} names the Jenkins instance '{name}', which is not configured.");
        return await jenkins.GetBuildsAsync(instance, job, ct);
    }

    /// <summary>Backstage's <c>[instance:]folder/job</c> without its instance.</summary>
    internal static string JobFullName(string annotation) => annotation[(annotation.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim('/');
}
