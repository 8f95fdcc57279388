using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Entity;
using Fawkes.Portal.Features.Templates.Forms.Schema;
using Fawkes.Portal.Features.Templates.Gallery;
using Microsoft.AspNetCore.Components;

namespace Fawkes.Portal.Features.Templates.Pages;

/// <summary>A template before choosing it: what it asks (parameters), what it does (steps), and its source.</summary>
public partial class TemplatePage
{
    private bool _loading = true;
    private JsonObject? _template;
    private TemplateSummary? _summary;
    private EntityView? _view;
    private string _yaml = "";
    private IReadOnlyList<(string Id, string Name, string Action)> _steps = [];

    [Parameter] public string Namespace { get; set; } = "";
    [Parameter] public string Name { get; set; } = "";
    [Inject] private TemplateGallery Gallery { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _template = await Gallery.FindAsync(Namespace, Name);
        if (_template is not null)
        {
            _summary = TemplateSummary.From(_template);
            _view = new EntityView(_template, new HashSet<string>());
            _yaml = EntityYaml.From(_template);
            _steps = [.. (_view.Spec["steps"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(s => (Ui.Text(s["id"]) ?? "", Ui.Text(s["name"]) ?? "", Ui.Text(s["action"]) ?? ""))];
        }
        _loading = false;
    }
}
