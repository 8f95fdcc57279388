using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.SonarQube;

/// <summary>
/// One SonarQube server the portal asks: root URL, token and its own HttpClient behind the portal's resilience pipeline
/// (its own circuit). Not a record: its ToString must never print the token.
/// </summary>
public sealed class SonarQubeInstance : IDisposable
{
    private readonly AuthenticationHeaderValue? _authorization;

    public SonarQubeInstance(string name, Uri url, string? token, string authScheme, TimeSpan budget, bool demo = false)
    {
        ArgumentNullException.ThrowIfNull(url);
        Name = name;
        Url = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        Demo = demo;
        _authorization = string.IsNullOrEmpty(token) ? null
            : string.Equals(authScheme, "Bearer", StringComparison.OrdinalIgnoreCase) ? new AuthenticationHeaderValue("Bearer", token)
            // SonarQube's token-as-login: the token is the user name and the password is empty.
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(token + ":")));
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

    internal void Authorize(HttpRequestMessage request) => request.Headers.Authorization = _authorization;

    /// <summary>The project's page in SonarQube, where a developer reads the issues behind the numbers.</summary>
    public string DashboardUrl(string projectKey) => new Uri(Url, "dashboard?id=" + Uri.EscapeDataString(projectKey)).AbsoluteUri;

    public override string ToString() => $"SonarQube '{Name}' at {Url.GetLeftPart(UriPartial.Authority)}";

    public void Dispose() => Http.Dispose();
}

/// <summary>
/// Every SonarQube instance: those of <c>Integrations:SonarQube:Instances</c>, always, and the demo simulator only when
/// none is configured. Instance URLs are admin configuration, so loopback and private addresses are reached directly.
/// </summary>
public sealed class SonarQubeInstances : IDisposable
{
    /// <summary>The instance an annotation without a prefix means, when one has this name (as in Backstage); else the first.</summary>
    public const string DefaultName = "default";

    private readonly List<SonarQubeInstance> _configured;
    private readonly List<SonarQubeInstance> _demo = [];
    private readonly Lock _gate = new();

    public SonarQubeInstances(IOptions<SonarQubeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Budget = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        _configured = [.. options.Value.Instances.Select(i => new SonarQubeInstance(i.Name, new Uri(i.Url), i.Token, i.AuthScheme, Budget))];
    }

    public TimeSpan Budget { get; }

    public bool AnyConfigured => _configured.Count > 0;

    public IReadOnlyList<SonarQubeInstance> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _configured, .. _demo];
            }
        }
    }

    /// <summary>By name (any case); a null name is the default: the one named <see cref="DefaultName"/>, else the first.</summary>
    public SonarQubeInstance? Find(string? name)
    {
        var all = All;
        return name is null
            ? all.FirstOrDefault(i => string.Equals(i.Name, DefaultName, StringComparison.OrdinalIgnoreCase)) ?? all.FirstOrDefault()
            : all.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Adds the demo simulator; ignored when real instances are configured (they are never mixed with or replaced by it).</summary>
    public bool AddDemo(string name, Uri url, string token)
    {
        if (AnyConfigured)
        {
            return false;
        }
        lock (_gate)
        {
            _demo.Add(new SonarQubeInstance(name, url, token, "Bearer", Budget, demo: true));
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
