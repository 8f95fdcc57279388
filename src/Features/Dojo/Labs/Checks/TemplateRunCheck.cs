using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Templates.Tasks;

namespace Fawkes.Portal.Features.Dojo.Labs.Checks;

/// <summary>
/// <c>template-run</c>: whoever runs the lab (the learner, or the API token) has a completed template run — of
/// <c>template</c> when the lab names one — in the scaffolder's task store.
/// </summary>
public sealed class TemplateRunCheck(TaskQueries tasks) : ILabCheck
{
    /// <summary>Recent completed runs looked at: a learner with more has certainly run the template.</summary>
    private const int Recent = 200;

    public string Type => "template-run";

    public async Task<LabCheckResult> RunAsync(LabTarget target, LabCheck check, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(check);
        var wanted = LabParameters.Text(check, "template") is { } name && EntityRef.TryParse(name, CatalogKinds.Template, EntityRef.DefaultNamespace, out var r, out _)
            ? r : (EntityRef?)null;
        var query = new TaskListQuery([], [ScaffolderTaskStatus.Completed], Recent, null, []);
        var (completed, _) = await tasks.ListAsync(target.User, query, onlyMine: true, ct);
        var run = completed.FirstOrDefault(t => wanted is null || TemplateOf(t) is { } used && used.Equals(wanted.Value));
        var wizard = wanted is { } w ? $"/create/templates/{Uri.EscapeDataString(w.Namespace)}/{Uri.EscapeDataString(w.Name)}" : "/create";
        var what = wanted is { } t2 ? $"the template {t2.Name}" : "a template";
        if (run is null)
        {
            return LabCheckResult.Fail(Type, $"You have no successful run of {what} yet. Open Create, run {what} through the wizard and wait "
                + "until its run page shows it completed; My runs lists your runs.", wizard);
        }
        return LabCheckResult.Pass(Type, $"Your run of {(TemplateOf(run) is { } used2 ? used2.Name : "a template")} completed "
            + $"(started {run.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC).", $"/create/tasks/{run.Id}");
    }

    /// <summary>The template a run was of, from its stored spec (<c>templateInfo.entityRef</c>).</summary>
    private static EntityRef? TemplateOf(ScaffolderTask task)
    {
        try
        {
            var text = (JsonNode.Parse(task.SpecJson)?["templateInfo"]?["entityRef"] as JsonValue)?.ToString();
            return EntityRef.TryParse(text, CatalogKinds.Template, EntityRef.DefaultNamespace, out var r, out _) ? r : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
