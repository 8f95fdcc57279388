using System.Collections.Concurrent;
using System.Security.Claims;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>
/// What a task needs from its creator that is never written to the database: the secrets and the signed-in principal.
/// Kept in this process only, from creation until the run ends (or the task is cancelled). A task created with secrets
/// is pinned to this replica (<see cref="ScaffolderTask.ClaimedBy"/>), since no other replica could run it.
/// </summary>
public sealed class TaskSecrets
{
    private readonly ConcurrentDictionary<Guid, (IReadOnlyDictionary<string, string> Secrets, ClaimsPrincipal Initiator)> _held = new();

    public void Hold(Guid taskId, IReadOnlyDictionary<string, string> secrets, ClaimsPrincipal initiator) => _held[taskId] = (secrets, initiator);

    public bool TryGet(Guid taskId, out IReadOnlyDictionary<string, string> secrets, out ClaimsPrincipal? initiator)
    {
        var found = _held.TryGetValue(taskId, out var held);
        secrets = found ? held.Secrets : new Dictionary<string, string>();
        initiator = found ? held.Initiator : null;
        return found;
    }

    public void Forget(Guid taskId) => _held.TryRemove(taskId, out _);
}
