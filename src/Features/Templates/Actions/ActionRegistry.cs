namespace Fawkes.Portal.Features.Templates.Actions;

/// <summary>Thrown for a step whose action is not registered (Backstage's NotFoundError, same words).</summary>
public sealed class ActionNotFoundException(string id) : Exception($"Template action with ID '{id}' is not registered.");

/// <summary>Every action a template may use, by id. Actions register as singletons of <see cref="ScaffolderAction"/>.</summary>
public sealed class ActionRegistry(IEnumerable<ScaffolderAction> actions)
{
    private readonly Dictionary<string, ScaffolderAction> _byId = actions.ToDictionary(a => a.Id, StringComparer.Ordinal);

    public IReadOnlyCollection<ScaffolderAction> All => _byId.Values;

    public bool Has(string id) => _byId.ContainsKey(id);

    public ScaffolderAction Get(string id) => _byId.TryGetValue(id, out var action) ? action : throw new ActionNotFoundException(id);
}
