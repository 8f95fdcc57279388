namespace Fawkes.Portal.Identity.Permissions;

/// <summary>The answer, with the rule that gave it: refusals name it in the 403 body and in the UI.</summary>
public sealed record PermissionDecision(bool Allowed, int Status, string Rule, string Message)
{
    public static PermissionDecision Allow(string rule) => new(true, StatusCodes.Status200OK, rule, "Allowed.");

    public static PermissionDecision NotSignedIn() =>
        new(false, StatusCodes.Status401Unauthorized, "signed-in", "Sign in, or send 'Authorization: Bearer <token>' with a valid API token.");

    public static PermissionDecision Deny(string rule, string message) => new(false, StatusCodes.Status403Forbidden, rule, message);
}
