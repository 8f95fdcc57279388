using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Expressions;
using Fawkes.Portal.Features.Templates.Runner;

namespace Fawkes.Portal.Features.Templates.Forms.Schema;

/// <summary>
/// The server-side check of <c>POST /v2/dry-run</c> and <c>POST /v2/tasks</c>, as Backstage's router does it
/// (<c>validateParameterSteps</c>): <c>spec.parameters</c> flattened to steps; each visible step (per <c>when</c>), in
/// order, validated as written (with its <c>title</c>, <c>ui:*</c> keys…) against the whole values object; the first
/// failing step's errors are the answer (<see cref="JsonSchemaErrors"/>), later steps are not looked at.
/// </summary>
public static class ParameterStepErrors
{
    /// <param name="secrets">Values of <c>ui:field: Secret</c> fields sent as secrets rather than values: a masked
    /// stand-in is validated in their place, as the wizard's form holds <c>****</c> there (see <see cref="TemplateParameterValidator"/>).</param>
    public static IReadOnlyList<JsonObject> FirstFailingStep(JsonNode? parameters, JsonObject values, IReadOnlyDictionary<string, string>? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var instance = values.DeepClone().AsObject();
        foreach (var (name, secret) in secrets ?? new Dictionary<string, string>())
        {
            if (!string.IsNullOrEmpty(secret) && !instance.ContainsKey(name))
            {
                instance[name] = new string('*', secret.Length);
            }
        }
        // `[spec.parameters].flat()`: an array is the list of steps, one object is one step (never re-parented: read only).
        IReadOnlyList<JsonNode?> steps = parameters switch
        {
            null => [],
            JsonArray array => [.. array],
            var one => new List<JsonNode?> { one },
        };
        foreach (var step in steps.OfType<JsonObject>())
        {
            if (!Visible(step["when"], values))
            {
                continue;
            }
            var errors = JsonSchemaErrors.Validate(step, instance);
            if (errors.Count > 0)
            {
                return errors;
            }
        }
        return [];
    }

    /// <summary>Backstage's <c>evaluateCondition</c>: a boolean as is; a string rendered as <c>${{ … }}</c> with
    /// <c>parameters</c> (an array is true when not empty); anything else, an empty string or a failing expression: visible.</summary>
    private static bool Visible(JsonNode? when, JsonObject values)
    {
        if (when is not JsonValue value)
        {
            return true;
        }
        if (value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValue<bool>();
        }
        if (value.GetValueKind() != JsonValueKind.String || value.GetValue<string>().Trim() is not { Length: > 0 } expression)
        {
            return true;
        }
        var source = expression.StartsWith("${{", StringComparison.Ordinal) ? expression : $"${{{{ {expression} }}}}";
        try
        {
            var result = BackstageInputRenderer.Render(JsonValue.Create(source), new JsonObject { ["parameters"] = values.DeepClone() }, "when");
            return result is JsonArray list ? list.Count > 0 : JsTruth.IsTruthy(result);
        }
        catch (TemplateException)
        {
            return true;
        }
    }
}
