namespace Fawkes.Portal.Integrations.Jenkins;

/// <summary>Bound from <c>Dora:Jenkins</c>: the Jenkins controller whose builds the DORA poller reads.</summary>
public sealed class JenkinsOptions
{
    public const string Section = "Dora:Jenkins";

    /// <summary>Root of the Jenkins controller (e.g. <c>https://ci.example.com/</c>); empty turns the poller off.</summary>
    public string BaseUrl { get; set; } = "";

    public string? User { get; set; }

    /// <summary>API token of <see cref="User"/> (basic auth). A secret: never logged.</summary>
    public string? ApiToken { get; set; }

    public int PollSeconds { get; set; } = 300;

    public int TimeoutSeconds { get; set; } = 10;

    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl);
}
