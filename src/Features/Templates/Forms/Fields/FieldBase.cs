using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Forms.Schema;
using Microsoft.AspNetCore.Components;

namespace Fawkes.Portal.Features.Templates.Forms.Fields;

/// <summary>What every field widget gets: where its value lives, its schema, and the form state it reads and writes.</summary>
public abstract class FieldBase : ComponentBase
{
    [CascadingParameter] public FormState State { get; set; } = default!;
    [Parameter, EditorRequired] public FieldPath Path { get; set; } = FieldPath.Root;
    [Parameter, EditorRequired] public JsonObject Schema { get; set; } = [];
    [Parameter] public bool Required { get; set; }

    protected string Label => Ui.Text(Schema["title"]) ?? Path.Name;

    /// <summary>rjsf shows the description under the label and <c>ui:help</c> under the field; one helper line holds both.</summary>
    protected string? HelperText => string.Join(" ", new[] { Ui.Text(Schema["description"]), Ui.Help(Schema) }.Where(t => !string.IsNullOrEmpty(t))) is { Length: > 0 } text ? text : null;

    protected string? Error => State.ErrorFor(Path);

    /// <summary>
    /// Errors are shown by <c>FieldMessage</c>, not MudBlazor's Error/ErrorText: its own validation on blur overwrites
    /// those parameters until they change, which hid a schema error as soon as the user left the field.
    /// </summary>
    protected string InputLabel => Required ? Label + " *" : Label;

    protected string? InputHelp => HasError ? null : HelperText;

    protected bool HasError => Error is not null;

    protected JsonObject Options => Ui.Options(Schema);

    protected bool Autofocus => Ui.Autofocus(Schema);

    protected JsonNode? Value => State.Get(Path);

    protected string? Text => Ui.Text(Value);

    /// <summary>An emptied text is no value at all (rjsf drops it), so <c>required</c> catches it.</summary>
    protected void SetText(string? text) => State.Set(Path, string.IsNullOrEmpty(text) ? null : JsonValue.Create(text));

    protected void Touch() => State.Touch(Path);

    protected string TestId => "field-" + string.Join('-', Path.Segments);
}
