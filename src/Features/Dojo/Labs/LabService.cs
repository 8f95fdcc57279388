using System.Security.Claims;
using System.Text.Json;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Permissions;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Dojo.Certificates;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Progress;
using Fawkes.Portal.Identity.Permissions;

namespace Fawkes.Portal.Features.Dojo.Labs;

/// <summary>A lab request's answer: the run, or why there is none (an HTTP status with a title and a detail that says how to fix it).</summary>
public sealed record LabRequestResult(LabRunResult? Run, int Status, string? Title = null, string? Detail = null, string? Rule = null)
{
    public static LabRequestResult Problem(int status, string title, string detail, string? rule = null) => new(null, status, title, detail, rule);
}

/// <summary>A component the learner may run a lab against (the picker's items).</summary>
public sealed record LabComponent(string Ref, string Title);

/// <summary>
/// Labs for the API and the module page alike: finds the module and the service, asks the permission service (a learner
/// checks their team's components; PlatformLead and Admin any; a token any), runs the checks and records a signed-in
/// learner's run with its evidence. Nothing is stored for an API token.
/// </summary>
public sealed class LabService(
    DojoContentStore content, CatalogQueries catalog, PermissionService permissions, IOwnershipDirectory owners, LabRunner runner, ProgressStore store,
    CertificateAwarder certificates)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<LabRequestResult> RunAsync(string moduleId, string? service, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (content.Current.Module(moduleId) is not { } module)
        {
            return LabRequestResult.Problem(404, "Not found", $"No module '{moduleId}'.");
        }
        if (module.Lab is not { Checks.Count: > 0 } lab)
        {
            return LabRequestResult.Problem(400, "No lab", $"Module '{moduleId}' has no lab to check.");
        }
        if (!EntityRef.TryParse(service, CatalogKinds.Component, EntityRef.DefaultNamespace, out var entityRef, out var error))
        {
            return LabRequestResult.Problem(400, "Invalid service", $"service: {error} Send it as component:default/name.");
        }
        if (!string.Equals(entityRef.Kind, CatalogKinds.Component, StringComparison.OrdinalIgnoreCase))
        {
            return LabRequestResult.Problem(400, "Invalid service", $"service: '{service}' is a {entityRef.Kind}; a lab runs against a Component.");
        }
        if (await catalog.ByRefAsync(entityRef, ct) is not { } entity)
        {
            return LabRequestResult.Problem(404, "Entity not found", $"There is no Component '{entityRef.Name}' in namespace '{entityRef.Namespace}' in the catalog.");
        }
        var decision = await permissions.DecideAsync(user, PortalAction.DojoLab, CatalogOwnership.OfEntity(entity), ct);
        if (!decision.Allowed)
        {
            return LabRequestResult.Problem(decision.Status, "Forbidden", decision.Message, decision.Rule);
        }
        var target = new LabTarget(entity, Catalog.Relations.RelationBuilder.RefOf(entity), user);
        var run = await runner.RunAsync(lab, target, ct);
        if (DojoApi.LearnerLogin(user) is { } login)
        {
            await store.RecordLabAsync(login, module.Id, run.Service, run.Passed, JsonSerializer.Serialize(run, Json), ct);
            if (run.Passed)
            {
                // A lab may be the belt's last condition.
                await certificates.TryAwardForModuleAsync(login, module.Id, ct);
            }
        }
        return new LabRequestResult(run, 200);
    }

    /// <summary>The learner's newest run of a module, as recorded (null when none, or its evidence cannot be read).</summary>
    public async Task<LabRunResult?> LastAsync(string login, string moduleId, CancellationToken ct)
    {
        if (await store.LastLabAsync(login, moduleId, ct) is not { } row)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<LabRunResult>(row.EvidenceJson, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The Components owned by the person or a group they are a member of, by name.</summary>
    public async Task<IReadOnlyList<LabComponent>> ComponentsOfAsync(string login, CancellationToken ct)
    {
        var refs = await owners.OwnerRefsAsync(login, ct);
        var filter = new EntityFilter([[new FilterCondition("kind", ["component"]),
            new FilterCondition("relations.ownedby", [.. refs.Select(r => r.ToLowerInvariant())])]]);
        var components = await catalog.ListAsync(filter, 200, 0, ct);
        return [.. components.Select(c => new LabComponent(Catalog.Relations.RelationBuilder.RefOf(c).ToString(),
                c["metadata"]?["title"]?.GetValue<string>() ?? c["metadata"]!["name"]!.GetValue<string>()))
            .OrderBy(s => s.Title, StringComparer.OrdinalIgnoreCase)];
    }
}
