using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Dora.Events;
using Fawkes.Portal.Integrations.ArgoCd;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Dora.Pollers;

/// <summary>
/// Reads <c>status.history</c> of every application a component names (<c>argocd/app-name</c>) and stores the syncs the
/// Notifications receiver missed (portal down, notification lost, controller restarted) as deployments. Reads the
/// deprecated <c>Dora:ArgoCd</c> server when it is set, else the <c>Integrations:ArgoCd</c> instances the ArgoCD tab uses
/// (the first that has the application).
/// </summary>
internal sealed class ArgoCdPoller(
    ArgoCdClient argo, ArgoCdInstances instances, CatalogQueries catalog, DoraEventStore store, IOptions<ArgoCdOptions> options,
    ReplicaLock replicaLock, PollerStatusBoard board, TimeProvider time, ILogger<ArgoCdPoller> logger)
    : DoraPoller(replicaLock, board, time, logger)
{
    public const string Annotation = "argocd/app-name";

    protected override string Name => "argocd";

    protected override bool Enabled => options.Value.Enabled || instances.AnyConfigured;

    protected override int PollSeconds => options.Value.PollSeconds;

    protected override async Task<PollRound> PollOnceAsync(CancellationToken ct)
    {
        var added = 0;
        var errors = new List<string>();
        foreach (var (app, service) in await AnnotatedComponents.ListAsync(catalog, Annotation, ct))
        {
            try
            {
                var application = await ApplicationAsync(app, ct);
                var (events, invalid) = Deployments(app, service, application);
                errors.AddRange(invalid);
                added += await store.InsertMissingAsync(events, ArgoCdDeploymentEvent.PollerSource, ct);
            }
            catch (Exception ex) when (IsUpstreamFailure(ex, ct))
            {
                var reason = Describe(ex, options.Value.TimeoutSeconds);
                logger.LogWarning("ArgoCD application {App} could not be read: {Reason}", app, reason);
                errors.Add($"{app}: {reason}");
            }
        }
        return new PollRound(added, errors);
    }

    /// <summary>From Dora:ArgoCd when set; else the first configured instance that has the application (a 404 asks the next).</summary>
    private async Task<JsonObject> ApplicationAsync(string app, CancellationToken ct)
    {
        if (options.Value.Enabled)
        {
            return await argo.GetApplicationAsync(app, ct);
        }
        var all = instances.All;
        for (var i = 0; ; i++)
        {
            try
            {
                return await argo.GetApplicationAsync(all[i], app, ct);
            }
            catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound && i < all.Count - 1)
            {
                // Not on this instance: the next may hold it.
            }
        }
    }

    /// <summary>Every history entry as a deployment; entries that do not make a valid event are reported, not stored.</summary>
    internal static (IReadOnlyList<ParsedEvent> Events, IReadOnlyList<string> Errors) Deployments(string app, string service, JsonObject application)
    {
        // The id uses the name ArgoCD reports, as the Notifications template does ({{.app.metadata.name}}).
        var name = DoraJson.S(application["metadata"], "name") ?? app;
        var labels = application["metadata"]?["labels"] as JsonObject;
        var events = new List<ParsedEvent>();
        var errors = new List<string>();
        foreach (var entry in (application["status"]?["history"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var (parsed, problems) = DoraEventParser.Parse(ArgoCdDeploymentEvent.FromHistory(name, service, labels, entry));
            if (parsed is not null)
            {
                events.Add(parsed);
            }
            else
            {
                errors.Add($"{app}: history entry {entry["id"]?.ToJsonString()} skipped: {string.Join(" ", problems.Select(p => p.Message))}");
            }
        }
        return (events, errors);
    }
}
