namespace Fawkes.Portal.Integrations.ArgoCd;

/// <summary>Bound from <c>Dora:ArgoCd</c>: the ArgoCD server whose sync history the DORA poller reads.</summary>
public sealed class ArgoCdOptions
{
    public const string Section = "Dora:ArgoCd";

    /// <summary>Root of the ArgoCD server (the one serving <c>/api/v1</c>); empty turns the poller off.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Bearer token of an ArgoCD account with <c>applications, get</c>. A secret: never logged.</summary>
    public string? Token { get; set; }

    public int PollSeconds { get; set; } = 300;

    public int TimeoutSeconds { get; set; } = 10;

    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl);
}
