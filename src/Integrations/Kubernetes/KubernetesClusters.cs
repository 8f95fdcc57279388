using k8s;
using k8s.Authentication;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.Kubernetes;

/// <summary>One cluster the portal asks: its client (built once, with its own resilience pipeline and circuit) or why it cannot be built.</summary>
public sealed class KubernetesCluster(string name, bool demo, Func<IKubernetes> build) : IDisposable
{
    private readonly Lock _gate = new();
    private IKubernetes? _client;

    public string Name { get; } = name;

    /// <summary>A simulator started by demo mode, shown as such.</summary>
    public bool Demo { get; } = demo;

    /// <summary>The client, or an exception saying which setting is wrong (a missing token or CA file); tried again on the next call.</summary>
    public IKubernetes Client()
    {
        lock (_gate)
        {
            return _client ??= build();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _client?.Dispose();
            _client = null;
        }
    }
}

/// <summary>A cluster's configuration cannot be turned into a client (a file is missing or unreadable).</summary>
public sealed class KubernetesConfigurationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Every cluster: those of <c>Integrations:Kubernetes:Clusters</c>, always, and the demo simulator only when none is
/// configured. Cluster URLs are trusted admin configuration, so loopback and private addresses (kubectl proxy, in-cluster
/// services, fakes) are reached directly: the catalog's SSRF guard applies to URLs users register, not to these.
/// </summary>
public sealed class KubernetesClusters : IDisposable
{
    private readonly KubernetesOptions _options;
    private readonly List<KubernetesCluster> _configured;
    private readonly List<KubernetesCluster> _demo = [];
    private readonly Lock _gate = new();

    public KubernetesClusters(IOptions<KubernetesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _configured = [.. _options.Clusters.Select((c, i) => new KubernetesCluster(c.Name, demo: false, () => Build(c, i)))];
    }

    public TimeSpan Budget => TimeSpan.FromSeconds(_options.TimeoutSeconds);

    public bool AnyConfigured => _configured.Count > 0;

    public IReadOnlyList<KubernetesCluster> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _configured, .. _demo];
            }
        }
    }

    /// <summary>Adds the demo simulator; ignored when real clusters are configured (they are never mixed with or replaced by it).</summary>
    public bool AddDemo(string name, Uri url, string token)
    {
        if (AnyConfigured)
        {
            return false;
        }
        var config = new KubernetesClientConfiguration { Host = url.ToString(), AccessToken = token };
        lock (_gate)
        {
            _demo.Add(new KubernetesCluster(name, demo: true, () => Create(config)));
        }
        return true;
    }

    private IKubernetes Build(KubernetesClusterOptions cluster, int index)
    {
        var key = $"{KubernetesOptions.Section}:Clusters:{index}";
        KubernetesClientConfiguration config;
        try
        {
            if (cluster.InCluster)
            {
                config = KubernetesClientConfiguration.InClusterConfig();
            }
            else if (!string.IsNullOrWhiteSpace(cluster.KubeconfigContext))
            {
                config = KubernetesClientConfiguration.BuildConfigFromConfigFile(currentContext: cluster.KubeconfigContext);
            }
            else
            {
                config = new KubernetesClientConfiguration { Host = cluster.Url!, SkipTlsVerify = cluster.SkipTlsVerify };
                if (!string.IsNullOrWhiteSpace(cluster.CaFile))
                {
                    var ca = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
                    ca.ImportFromPemFile(cluster.CaFile);
                    config.SslCaCerts = ca;
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new KubernetesConfigurationException($"{key} ({cluster.Name}): the cluster configuration cannot be loaded: {ex.Message}", ex);
        }
        if (!string.IsNullOrEmpty(cluster.Token))
        {
            config.AccessToken = cluster.Token;
        }
        else if (!string.IsNullOrWhiteSpace(cluster.TokenFile))
        {
            if (!File.Exists(cluster.TokenFile))
            {
                throw new KubernetesConfigurationException($"{key}:TokenFile '{cluster.TokenFile}' does not exist.");
            }
            config.TokenProvider = new TokenFileAuth(cluster.TokenFile);
        }
        return Create(config);
    }

    /// <summary>The portal's resilience pipeline in front of the client's own handler: retries within the budget, a circuit per cluster.</summary>
    private IKubernetes Create(KubernetesClientConfiguration config)
    {
        config.HttpClientTimeout = Budget + TimeSpan.FromSeconds(1);
        return new k8s.Kubernetes(config, OutboundHttp.CreateHandlers(attempt: Budget, total: Budget));
    }

    public void Dispose()
    {
        foreach (var cluster in All)
        {
            cluster.Dispose();
        }
    }
}
