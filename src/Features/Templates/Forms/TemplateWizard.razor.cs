using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Forms.Schema;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Fawkes.Portal.Features.Templates.Forms;

/// <summary>
/// Renders a template's <c>spec.parameters</c> as a wizard. Values are validated (JSON Schema + field extension rules)
/// as the user types and on Next; they are kept in the circuit (<see cref="WizardDrafts"/>) and written to the URL as
/// <c>?formData=&lt;json&gt;&amp;step=n</c> (Backstage's query parameter) so a reload loses nothing but secrets.
/// </summary>
public sealed partial class TemplateWizard : IDisposable
{
    private IReadOnlyList<ParameterStep> _steps = [];
    private FormState _state = new();
    private readonly HashSet<int> _failedSteps = [];
    private string? _urlProblem;

    [Parameter, EditorRequired] public JsonNode? Parameters { get; set; }
    /// <summary>Identifies the template, for the circuit's draft (e.g. <c>template:default/python-service</c>).</summary>
    [Parameter, EditorRequired] public string DraftKey { get; set; } = "";
    /// <summary>The URL's <c>formData</c> and <c>step</c> on arrival.</summary>
    [Parameter] public string? FormData { get; set; }
    [Parameter] public int? StepIndex { get; set; }
    [Parameter] public EventCallback<WizardSubmission> OnPreview { get; set; }
    [Parameter] public EventCallback<WizardSubmission> OnCreate { get; set; }

    [Inject] private WizardDrafts Drafts { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;

    private string _wizardPath = "";

    protected override void OnInitialized()
    {
        _wizardPath = new Uri(Navigation.Uri).AbsolutePath;
        _steps = ParameterSteps.From(Parameters);
        var fromUrl = ReadFormData();
        var draft = Drafts.Find(DraftKey);
        // The circuit's draft holds the secrets too; it wins unless the URL carries other values (a pasted link).
        if (draft is not null && (fromUrl is null || JsonNode.DeepEquals(fromUrl, draft.Values)))
        {
            _state = draft;
        }
        else
        {
            _state = Drafts.Keep(DraftKey, new FormState());
            _state.Replace(fromUrl ?? []);
            _state.Step = Math.Clamp(StepIndex ?? 0, 0, _steps.Count);
        }
        ApplyDefaults();
        Validate();
        _state.Changed += OnChanged;
    }

    public void Dispose() => _state.Changed -= OnChanged;

    private JsonObject? ReadFormData()
    {
        if (string.IsNullOrWhiteSpace(FormData))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(FormData) as JsonObject ?? throw new JsonException("it is not a JSON object");
        }
        catch (JsonException ex)
        {
            _urlProblem = $"The form values in the address (formData) could not be read: {ex.Message}. The form starts from its defaults.";
            return null;
        }
    }

    private void OnChanged()
    {
        ApplyDefaults();
        Validate();
        StateHasChanged();
        _ = WriteUrlAsync();
    }

    private void ApplyDefaults()
    {
        foreach (var step in _steps)
        {
            SchemaFields.ApplyDefaults(step.Schema, _state.Values);
        }
    }

    /// <summary>Errors of the current step (the review step checks them all).</summary>
    private IReadOnlyList<ParameterError> Validate()
    {
        var steps = _state.Step < _steps.Count ? [_steps[_state.Step]] : _steps;
        var errors = steps.SelectMany(s => StepErrors(s.Schema)).ToList();
        _state.SetErrors(errors);
        return errors;
    }

    private IEnumerable<ParameterError> StepErrors(JsonObject schema) =>
        TemplateParameterValidator.ValidateStep(schema, _state.Values, _state.Secrets).Concat(
            SchemaFields.Walk(schema, _state.Values)
                .Where(f => Ui.Field(f.Schema) is { } field && FieldExtensions.All.Contains(field))
                .Select(f => FieldExtensionRules.Check(Ui.Field(f.Schema)!, Ui.Options(f.Schema), f.Path.Get(_state.Values)) is { } message
                    ? new ParameterError(f.Path.Pointer, message) : null)
                .OfType<ParameterError>());

    private async Task NextAsync()
    {
        if (Validate().Count > 0)
        {
            _failedSteps.Add(_state.Step);
            _state.RevealAll();
            return;
        }
        _failedSteps.Remove(_state.Step);
        await GoToAsync(_state.Step + 1);
    }

    private Task BackAsync() => GoToAsync(_state.Step - 1);

    private async Task GoToAsync(int index)
    {
        index = Math.Clamp(index, 0, _steps.Count);
        // MudStepper reports its active index again while its steps register (after the first render, possibly after
        // the user typed): staying on the same step must not hide the errors of fields already touched.
        if (index == _state.Step)
        {
            return;
        }
        _state.Step = index;
        _state.Conceal();
        Validate();
        await WriteUrlAsync();
    }

    /// <summary>Clicking a step header may go back, never past a step that is not valid yet.</summary>
    private Task PreviewInteraction(StepperInteractionEventArgs args)
    {
        if (args.Action == StepAction.Activate && args.StepIndex > _state.Step)
        {
            args.Cancel = true;
        }
        return Task.CompletedTask;
    }

    private async Task PreviewAsync()
    {
        if (await ReadyAsync())
        {
            await OnPreview.InvokeAsync(Submission());
        }
    }

    private async Task CreateAsync()
    {
        if (await ReadyAsync())
        {
            await OnCreate.InvokeAsync(Submission());
        }
    }

    /// <summary>Every step must pass before submitting; the first failing one is shown with its errors.</summary>
    private async Task<bool> ReadyAsync()
    {
        for (var i = 0; i < _steps.Count; i++)
        {
            if (StepErrors(_steps[i].Schema).Any())
            {
                _failedSteps.Add(i);
                await GoToAsync(i);
                Validate();
                _state.RevealAll();
                return false;
            }
        }
        return true;
    }

    private WizardSubmission Submission() =>
        new(_state.Values.DeepClone().AsObject(), new Dictionary<string, string>(_state.Secrets, StringComparer.Ordinal));

    /// <summary>history.replaceState, not NavigateTo: the page keeps its focus and no navigation runs per keystroke.</summary>
    private async Task WriteUrlAsync()
    {
        // Once Create has navigated to the run page, a late change event must not stamp the form values onto its URL.
        if (new Uri(Navigation.Uri).AbsolutePath != _wizardPath)
        {
            return;
        }
        var url = Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["formData"] = _state.Values.ToJsonString(),
            ["step"] = _state.Step,
        });
        try
        {
            await Js.InvokeVoidAsync("history.replaceState", null, "", url);
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone (tab closed): nothing left to update.
        }
        catch (InvalidOperationException)
        {
            // Prerendering: there is no browser yet; the first interactive render writes it.
        }
    }
}
