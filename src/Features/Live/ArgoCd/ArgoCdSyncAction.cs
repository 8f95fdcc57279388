using System.Security.Claims;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Permissions;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Permissions;
using Fawkes.Portal.Integrations;
using Fawkes.Portal.Integrations.ArgoCd;
using Fawkes.Portal.Operations.Audit;

namespace Fawkes.Portal.Features.Live.ArgoCd;

/// <summary>How one application's sync request went: <c>started</c>, or an <see cref="IntegrationStatus"/> word and why.</summary>
public sealed record ArgoCdSyncOutcome(string Instance, string Application, string Status, string? Error);

/// <param name="Outcomes">Empty when refused, or when no application of the entity matched.</param>
public sealed record ArgoCdSyncResult(PermissionDecision Decision, IReadOnlyList<ArgoCdSyncOutcome> Outcomes);

/// <summary>
/// Sync for the endpoint and the tab alike: the permission service decides (owners, PlatformLead, Admin), only the
/// entity's own applications can be synced, and every request sent is audited with its outcome.
/// </summary>
public sealed class ArgoCdSyncAction(PermissionService permissions, ArgoCdLiveService argo, AuditLog audit)
{
    public const string Started = "started";

    public Task<PermissionDecision> DecideAsync(ClaimsPrincipal? user, JsonObject entity, CancellationToken ct) =>
        permissions.DecideAsync(user, PortalAction.LiveAction, CatalogOwnership.OfEntity(entity), ct);

    /// <param name="application">Only this application (else every one of the entity's).</param>
    /// <param name="instance">Only on this instance (else every instance that has it).</param>
    public async Task<ArgoCdSyncResult> SyncAsync(ClaimsPrincipal? user, JsonObject entity, string? application, string? instance, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var decision = await DecideAsync(user, entity, ct);
        if (!decision.Allowed)
        {
            return new(decision, []);
        }
        var answer = await argo.GetAsync(SelectorOf(entity), ct);
        var targets = answer.Applications
            .Where(a => (application is null || string.Equals(a.Name, application, StringComparison.Ordinal))
                && (instance is null || string.Equals(a.Instance, instance, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var actor = user?.FindFirst(PortalClaims.Login)?.Value ?? user?.Identity?.Name ?? "unknown";
        var entityRef = Catalog.Relations.RelationBuilder.RefOf(entity).ToString();
        var outcomes = new List<ArgoCdSyncOutcome>();
        foreach (var app in targets)
        {
            var failure = await argo.SyncAsync(app.Instance, app.Name, app.Namespace, ct);
            var outcome = new ArgoCdSyncOutcome(app.Instance, app.Name, failure?.Status ?? Started, failure?.Error);
            outcomes.Add(outcome);
            await audit.RecordAsync(actor, "live.argocd.sync", $"entity:{entityRef}",
                $"application {app.Name} on {app.Instance}: {outcome.Status}{(outcome.Error is null ? "" : " — " + outcome.Error)}", ct);
        }
        return new(decision, outcomes);
    }

    public static ArgoCdSelector? SelectorOf(JsonObject entity) =>
        ArgoCdSelector.FromAnnotations(key => entity["metadata"]?["annotations"]?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null);
}
