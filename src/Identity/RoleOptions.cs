namespace Fawkes.Portal.Identity;

/// <summary>Who gets which role. Bound from <c>Portal:Roles</c>, e.g. <c>Portal:Roles:Admin:Users:0 = octocat</c>.</summary>
public sealed class RoleOptions
{
    public const string Section = "Portal:Roles";

    public RoleAssignment Admin { get; set; } = new();
    public RoleAssignment PlatformLead { get; set; } = new();
    public RoleAssignment Developer { get; set; } = new();
    public RoleAssignment Learner { get; set; } = new();

    /// <summary>Role for a signed-in user who matches no assignment.</summary>
    public string DefaultRole { get; set; } = PortalRoles.Developer;

    public RoleAssignment For(string role) => role switch
    {
        PortalRoles.Admin => Admin,
        PortalRoles.PlatformLead => PlatformLead,
        PortalRoles.Developer => Developer,
        PortalRoles.Learner => Learner,
        _ => new RoleAssignment(),
    };
}

public sealed class RoleAssignment
{
    /// <summary>GitHub logins.</summary>
    public IList<string> Users { get; } = [];

    /// <summary>GitHub teams as <c>org/team-slug</c>.</summary>
    public IList<string> Teams { get; } = [];
}
