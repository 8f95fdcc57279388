using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.ArgoCd;

/// <summary>One ArgoCD server the portal asks. Its credentials never leave <see cref="ArgoCdClient"/>.</summary>
/// <param name="ClientName">The named HttpClient (its resilience pipeline and timeouts): live panels or the DORA poller.</param>
public sealed record ArgoCdInstance(string Name, Uri BaseUrl, string? Token, string? Username, string? Password, bool Demo, string ClientName)
{
    public bool UsesSession => !string.IsNullOrWhiteSpace(Username);

    /// <summary>Never the credentials, even in a debugger or a log of the record.</summary>
    public override string ToString() => $"ArgoCD '{Name}' at {BaseUrl.GetLeftPart(UriPartial.Authority)}";
}

/// <summary>
/// Every ArgoCD instance: those of <c>Integrations:ArgoCd:Instances</c>, always, and the demo simulator only when none is
/// configured. Instance URLs are trusted admin configuration, so loopback and private addresses are reached directly.
/// </summary>
public sealed class ArgoCdInstances
{
    private readonly ArgoCdInstancesOptions _options;
    private readonly List<ArgoCdInstance> _configured;
    private readonly List<ArgoCdInstance> _demo = [];
    private readonly Lock _gate = new();

    public ArgoCdInstances(IOptions<ArgoCdInstancesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _configured = [.. _options.Instances.Select(i => new ArgoCdInstance(
            i.Name, ArgoCdClient.BaseUri(i.Url), i.Token, i.Username, i.Password, Demo: false, ArgoCdClient.LiveClientName))];
    }

    public TimeSpan Budget => TimeSpan.FromSeconds(_options.TimeoutSeconds);

    public bool AnyConfigured => _configured.Count > 0;

    public IReadOnlyList<ArgoCdInstance> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _configured, .. _demo];
            }
        }
    }

    /// <summary>Adds demo mode's simulator, unless a real instance is configured (they are never mixed with or replaced by it).</summary>
    public bool AddDemo(string name, Uri url, string token)
    {
        if (AnyConfigured)
        {
            return false;
        }
        lock (_gate)
        {
            _demo.Add(new ArgoCdInstance(name, ArgoCdClient.BaseUri(url.ToString()), token, null, null, Demo: true, ArgoCdClient.LiveClientName));
        }
        return true;
    }
}
