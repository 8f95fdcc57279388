namespace Fawkes.Portal.Identity;

/// <summary>Pure mapping from a GitHub login and its teams to portal roles.</summary>
public static class RoleMapper
{
    /// <returns>The highest matching role and every role it implies.</returns>
    public static IReadOnlyList<string> Map(string login, IEnumerable<string> teams, RoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var teamSet = new HashSet<string>(teams, StringComparer.OrdinalIgnoreCase);
        foreach (var role in PortalRoles.All)
        {
            var assignment = options.For(role);
            if (assignment.Users.Contains(login, StringComparer.OrdinalIgnoreCase) || assignment.Teams.Any(teamSet.Contains))
            {
                return [.. PortalRoles.Implied(role)];
            }
        }
        return PortalRoles.IsKnown(options.DefaultRole) ? [.. PortalRoles.Implied(options.DefaultRole)] : [];
    }
}
