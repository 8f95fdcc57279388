namespace Fawkes.Portal.Integrations.Kubernetes;

/// <summary>
/// Which objects belong to an entity, by Backstage's annotations: <c>backstage.io/kubernetes-label-selector</c> wins,
/// else <c>backstage.io/kubernetes-id</c> (selector <c>backstage.io/kubernetes-id=&lt;id&gt;</c>); <c>backstage.io/kubernetes-namespace</c>
/// restricts every query to that namespace. The selector is passed to the API server as written (set-based too).
/// </summary>
public sealed record KubernetesSelector(string LabelSelector, string? Namespace)
{
    public const string IdAnnotation = "backstage.io/kubernetes-id";
    public const string LabelSelectorAnnotation = "backstage.io/kubernetes-label-selector";
    public const string NamespaceAnnotation = "backstage.io/kubernetes-namespace";

    /// <summary>The entity's selector, or null when it names no Kubernetes objects.</summary>
    public static KubernetesSelector? FromAnnotations(Func<string, string?> annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        var ns = annotation(NamespaceAnnotation)?.Trim();
        ns = string.IsNullOrEmpty(ns) ? null : ns;
        if (annotation(LabelSelectorAnnotation)?.Trim() is { Length: > 0 } selector)
        {
            return new(selector, ns);
        }
        return annotation(IdAnnotation)?.Trim() is { Length: > 0 } id ? new($"{IdAnnotation}={id}", ns) : null;
    }

    public string CacheKey => $"{Namespace}\n{LabelSelector}";
}
