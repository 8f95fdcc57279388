namespace Fawkes.Portal.Identity;

public static class PortalRoles
{
    public const string Admin = "Admin";
    public const string PlatformLead = "PlatformLead";
    public const string Developer = "Developer";
    public const string Learner = "Learner";

    /// <summary>Most to least privileged; a role includes everything below it.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, PlatformLead, Developer, Learner];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    /// <summary>The roles a role implies, itself included (Admin ⇒ all four).</summary>
    public static IEnumerable<string> Implied(string role)
    {
        var index = All.ToList().IndexOf(role);
        return index < 0 ? [] : All.Skip(index);
    }
}

public static class ApiScopes
{
    public const string CatalogRead = "catalog:read";
    public const string CatalogWrite = "catalog:write";
    public const string DoraWrite = "dora:write";
    public const string ScaffolderRun = "scaffolder:run";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [CatalogRead, CatalogWrite, DoraWrite, ScaffolderRun, Admin];
}

public static class PortalClaims
{
    public const string Login = "fawkes:login";
    public const string Avatar = "fawkes:avatar";
    public const string Scope = "scope";
    public const string AuthMethod = "fawkes:auth";
    public const string Team = "fawkes:team";
}
