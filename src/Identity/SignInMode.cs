namespace Fawkes.Portal.Identity;

/// <summary>
/// Which sign-in the portal offers. GitHub OAuth when a client is configured; otherwise the development sign-in (pick any
/// demo user and role), but only in Development or when <c>Portal:DevelopmentSignIn:Enabled=true</c> says so explicitly:
/// a production deployment that forgot its OAuth settings must not let anyone in as Admin. With neither, only API tokens work.
/// </summary>
public sealed record SignInMode(bool GitHubConfigured, bool DevelopmentSignInAllowed, bool IsDevelopmentEnvironment)
{
    public const string EnabledKey = "Portal:DevelopmentSignIn:Enabled";

    public bool DevelopmentSignIn => !GitHubConfigured && DevelopmentSignInAllowed;

    /// <summary>No browser sign-in at all: the sign-in page explains what to configure.</summary>
    public bool NoBrowserSignIn => !GitHubConfigured && !DevelopmentSignInAllowed;

    /// <summary>The development sign-in on a deployment (not a developer's machine): warned about at start.</summary>
    public bool DevelopmentSignInOutsideDevelopment => DevelopmentSignIn && !IsDevelopmentEnvironment;

    public static SignInMode From(IConfiguration configuration, IHostEnvironment environment, bool gitHubConfigured)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var development = environment.IsDevelopment();
        var value = configuration[EnabledKey];
        var flag = string.IsNullOrWhiteSpace(value) ? false
            : bool.TryParse(value, out var parsed) ? parsed
            : throw new InvalidOperationException($"{EnabledKey} must be true or false; got '{value}'.");
        return new SignInMode(gitHubConfigured, development || flag, development);
    }

    /// <summary>Says at start which sign-in is on, loudly when it is the development one outside Development.</summary>
    public void LogAtStart(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (DevelopmentSignInOutsideDevelopment)
        {
            logger.LogWarning(
                "Development sign-in is enabled outside Development ({Setting}=true): anyone can sign in as any user, Admin included. " +
                "Configure Authentication:GitHub:ClientId and ClientSecret before exposing this portal.", EnabledKey);
        }
        else if (NoBrowserSignIn)
        {
            logger.LogWarning(
                "No browser sign-in is configured: set Authentication:GitHub:ClientId and ClientSecret (or {Setting}=true for a demo). " +
                "Only API tokens are accepted.", EnabledKey);
        }
    }
}
