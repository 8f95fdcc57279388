using Fawkes.Portal.Features.Catalog.Permissions;
using Fawkes.Portal.Features.Dojo.Content;

namespace Fawkes.Portal.Features.Dojo.Labs.Checks;

/// <summary><c>entity</c>: the Component is in the catalog with an owner and every annotation the lab lists.</summary>
public sealed class EntityCheck : ILabCheck
{
    public string Type => "entity";

    public Task<LabCheckResult> RunAsync(LabTarget target, LabCheck check, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(check);
        var owner = CatalogOwnership.OfEntity(target.Entity).Owners.FirstOrDefault();
        var required = LabParameters.TextList(check, "annotations");
        var missing = required.Where(a => target.Annotation(a) is null).ToList();
        var problems = new List<string>();
        if (LabParameters.Bool(check, "requireOwner", true) && owner is null)
        {
            problems.Add("it has no owner: set spec.owner to your team's group (e.g. group:default/my-team)");
        }
        if (missing.Count > 0)
        {
            problems.Add($"it lacks the annotation{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}: add "
                + (missing.Count == 1 ? "it" : "them") + " under metadata.annotations");
        }
        if (problems.Count > 0)
        {
            return Task.FromResult(LabCheckResult.Fail(Type, $"{target.Ref} is in the catalog, but {string.Join("; and ", problems)}. "
                + "Edit its catalog-info.yaml (the About card's edit link on the entity page), then refresh the entity there.", target.Page));
        }
        var annotations = required.Count == 0 ? "" : $" and every required annotation ({string.Join(", ", required)})";
        return Task.FromResult(LabCheckResult.Pass(Type, $"{target.Ref} is in the catalog, owned by {owner ?? "nobody (not required)"}{annotations}.",
            target.Page));
    }
}
