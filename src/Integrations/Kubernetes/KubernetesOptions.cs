using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.Kubernetes;

/// <summary>Bound from <c>Integrations:Kubernetes</c>: the clusters every entity's Kubernetes tab asks.</summary>
public sealed class KubernetesOptions
{
    public const string Section = "Integrations:Kubernetes";

    public List<KubernetesClusterOptions> Clusters { get; set; } = [];

    /// <summary>How long one cluster may take for a whole answer, retries included.</summary>
    public double TimeoutSeconds { get; set; } = 5;

    /// <summary>How long an answer is shared by every viewer before the clusters are asked again.</summary>
    public double CacheSeconds { get; set; } = 10;
}

/// <summary>One cluster: <c>Integrations:Kubernetes:Clusters:{i}:…</c>. Exactly one of Url, InCluster, KubeconfigContext says where it is.</summary>
public sealed class KubernetesClusterOptions
{
    public string Name { get; set; } = "";

    /// <summary>API server URL; plain <c>http://</c> is accepted (kubectl proxy, local fakes).</summary>
    public string? Url { get; set; }

    /// <summary>Bearer token (a secret: never logged or shown).</summary>
    public string? Token { get; set; }

    /// <summary>File holding the bearer token, read again when it changes (projected service-account tokens rotate).</summary>
    public string? TokenFile { get; set; }

    /// <summary>PEM file of the CA that signed the API server's certificate.</summary>
    public string? CaFile { get; set; }

    /// <summary>Accept any server certificate (test clusters only).</summary>
    public bool SkipTlsVerify { get; set; }

    /// <summary>Use the pod's service account (the portal runs inside this cluster).</summary>
    public bool InCluster { get; set; }

    /// <summary>A context of the kubeconfig file (<c>KUBECONFIG</c> or <c>~/.kube/config</c>).</summary>
    public string? KubeconfigContext { get; set; }
}

/// <summary>Start-up validation naming the setting at fault, so a typo fails at start instead of on the first page view.</summary>
internal sealed class KubernetesOptionsValidator : IValidateOptions<KubernetesOptions>
{
    public ValidateOptionsResult Validate(string? name, KubernetesOptions options)
    {
        var errors = new List<string>();
        if (options.TimeoutSeconds is < 0.5 or > 60)
        {
            errors.Add($"{KubernetesOptions.Section}:TimeoutSeconds must be between 0.5 and 60 (is {options.TimeoutSeconds}).");
        }
        if (options.CacheSeconds is < 0 or > 600)
        {
            errors.Add($"{KubernetesOptions.Section}:CacheSeconds must be between 0 and 600 (is {options.CacheSeconds}).");
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Clusters.Count; i++)
        {
            var c = options.Clusters[i];
            var key = $"{KubernetesOptions.Section}:Clusters:{i}";
            if (string.IsNullOrWhiteSpace(c.Name))
            {
                errors.Add($"{key}:Name is required.");
            }
            else if (!names.Add(c.Name))
            {
                errors.Add($"{key}:Name '{c.Name}' is used by another cluster; names must be unique.");
            }
            var sources = (string.IsNullOrWhiteSpace(c.Url) ? 0 : 1) + (c.InCluster ? 1 : 0) + (string.IsNullOrWhiteSpace(c.KubeconfigContext) ? 0 : 1);
            if (sources != 1)
            {
                errors.Add($"{key}: set exactly one of Url, InCluster=true or KubeconfigContext (found {sources}).");
            }
            if (!string.IsNullOrWhiteSpace(c.Url)
                && !(Uri.TryCreate(c.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)))
            {
                errors.Add($"{key}:Url must be an absolute http:// or https:// URL (is '{c.Url}').");
            }
            if (!string.IsNullOrEmpty(c.Token) && !string.IsNullOrWhiteSpace(c.TokenFile))
            {
                errors.Add($"{key}: set Token or TokenFile, not both.");
            }
            if (!string.IsNullOrWhiteSpace(c.CaFile) && c.SkipTlsVerify)
            {
                errors.Add($"{key}: set CaFile or SkipTlsVerify, not both.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
