using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.Jenkins;

/// <summary>
/// One Jenkins controller the portal asks: its root URL, credentials and its own HttpClient behind the portal's resilience
/// pipeline, so each instance has its own circuit. Not a record: its ToString must never print the token.
/// </summary>
public sealed class JenkinsInstance : IDisposable
{
    private readonly string? _authorization;

    public JenkinsInstance(string name, Uri url, string? user, string? apiToken, TimeSpan budget, bool demo = false)
    {
        ArgumentNullException.ThrowIfNull(url);
        Name = name;
        Url = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        Demo = demo;
        _authorization = string.IsNullOrEmpty(user) ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{apiToken}"));
        // The whole answer's budget bounds each call too; the live service adds a deadline over all of them.
        var handlers = OutboundHttp.CreateHandlers(budget, budget);
        HttpMessageHandler handler = new SocketsHttpHandler { ConnectTimeout = budget, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        for (var i = handlers.Length - 1; i >= 0; i--)
        {
            handlers[i].InnerHandler = handler;
            handler = handlers[i];
        }
        Http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public string Name { get; }

    /// <summary>Root URL, ending in '/'.</summary>
    public Uri Url { get; }

    /// <summary>A simulator started by demo mode, shown as such.</summary>
    public bool Demo { get; }

    internal HttpClient Http { get; }

    /// <summary>Sets Basic auth (user and API token) when configured; anonymous otherwise.</summary>
    internal void Authorize(HttpRequestMessage request)
    {
        if (_authorization is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _authorization);
        }
    }

    public override string ToString() => $"Jenkins '{Name}' at {Url.GetLeftPart(UriPartial.Authority)}";

    public void Dispose() => Http.Dispose();
}

/// <summary>
/// Every Jenkins instance: those of <c>Integrations:Jenkins:Instances</c>, always, and the demo simulator only when none is
/// configured. Instance URLs are admin configuration, so loopback and private addresses are reached directly.
/// </summary>
public sealed class JenkinsInstances : IDisposable
{
    private readonly List<JenkinsInstance> _configured;
    private readonly List<JenkinsInstance> _demo = [];
    private readonly Lock _gate = new();

    public JenkinsInstances(IOptions<JenkinsIntegrationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Budget = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        _configured = [.. options.Value.Instances.Select(i => new JenkinsInstance(i.Name, new Uri(i.Url), i.User, i.ApiToken, Budget))];
    }

    public TimeSpan Budget { get; }

    public bool AnyConfigured => _configured.Count > 0;

    public IReadOnlyList<JenkinsInstance> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _configured, .. _demo];
            }
        }
    }

    /// <summary>By name (any case); a null name is the default, the first instance.</summary>
    public JenkinsInstance? Find(string? name)
    {
        var all = All;
        return name is null ? all.FirstOrDefault() : all.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Adds the demo simulator; ignored when real instances are configured (they are never mixed with or replaced by it).</summary>
    public bool AddDemo(string name, Uri url, string user, string apiToken)
    {
        if (AnyConfigured)
        {
            return false;
        }
        lock (_gate)
        {
            _demo.Add(new JenkinsInstance(name, url, user, apiToken, Budget, demo: true));
        }
        return true;
    }

    public void Dispose()
    {
        foreach (var instance in All)
        {
            instance.Dispose();
        }
    }
}
