namespace Fawkes.Portal.Identity.Permissions;

/// <summary>
/// The record an action touches, reduced to what the rules need: how many entities it holds and how many of them the
/// caller owns (directly, or through a group the caller's User entity is a member of).
/// </summary>
/// <param name="RegisteredByCaller">For a location: the caller registered it (what decides for one that holds no entities yet).</param>
public sealed record PermissionTarget(string Description, int Entities, int OwnedByCaller, bool RegisteredByCaller = false)
{
    public bool OwnedEntirely => OwnedByCaller == Entities;
}
