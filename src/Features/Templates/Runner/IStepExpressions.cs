using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Runner;

/// <summary>
/// Renders a step's <c>input</c>, <c>if</c>, <c>each</c> and the template's <c>output</c> the way Backstage's workflow
/// runner does: every string in the tree is rendered with JSON coercion (a whole <c>${{ expr }}</c> keeps its type), and
/// a string that fails to render is kept as written. <paramref name="globals"/> are functions templates may call
/// (<c>always()</c>, <c>failure()</c>).
/// </summary>
public interface IStepExpressions
{
    JsonNode? Render(JsonNode? input, JsonObject context, string sourceName, IReadOnlyDictionary<string, Func<JsonNode?>>? globals = null);
}
