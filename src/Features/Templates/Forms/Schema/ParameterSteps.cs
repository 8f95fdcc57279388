using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Forms.Schema;

/// <summary>One page of the wizard: a JSON Schema object (with <c>ui:*</c> keys inline, as Backstage templates write them).</summary>
public sealed record ParameterStep(string Title, string? Description, JsonObject Schema);

/// <summary>
/// A template's <c>spec.parameters</c> as steps. Backstage accepts one schema object (one step) or an array of them;
/// a step without a title is called "Step n", as the scaffolder frontend names it.
/// </summary>
public static class ParameterSteps
{
    public static IReadOnlyList<ParameterStep> From(JsonNode? parameters) => parameters switch
    {
        JsonObject single => [Step(single, 0)],
        JsonArray steps => [.. steps.OfType<JsonObject>().Select(Step)],
        _ => [],
    };

    private static ParameterStep Step(JsonObject schema, int index) =>
        new(Ui.Text(schema["title"]) ?? $"Step {index + 1}", Ui.Text(schema["description"]), schema);
}
