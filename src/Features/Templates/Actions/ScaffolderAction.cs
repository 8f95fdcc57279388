using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Actions;

/// <summary>
/// A step's action (<c>fetch:template</c>, <c>publish:github</c>, …), Backstage's <c>createTemplateAction</c>: an id, a
/// description, JSON schemas of its input and output (listed by <c>GET /api/scaffolder/v2/actions</c>; the input schema
/// is checked before the handler runs, the output schema gives a dry run's example outputs) and the handler.
/// </summary>
public abstract class ScaffolderAction
{
    public abstract string Id { get; }

    public abstract string Description { get; }

    public abstract JsonObject InputSchema { get; }

    public virtual JsonObject? OutputSchema => null;

    /// <summary>Whether the handler runs in a dry run (then it must only touch the workspace, never the outside world).</summary>
    public virtual bool SupportsDryRun => false;

    public abstract Task ExecuteAsync(ActionContext context);

    protected static JsonObject Schema(string json) => (JsonObject)JsonNode.Parse(json)!;
}

/// <summary>An action refused its input (Backstage's InputError): the task fails with this message at the step.</summary>
public sealed class ActionInputException(string message) : Exception(message);
