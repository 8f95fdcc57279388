namespace Fawkes.Portal.Integrations.ArgoCd;

/// <summary>
/// Which ArgoCD applications are an entity's: <c>argocd/app-name</c> (one application) or <c>argocd/app-selector</c>
/// (a label selector), optionally on one instance (<c>argocd/instance-name</c>; else every instance is asked).
/// The name wins when both are set, as in Backstage's ArgoCD plugin.
/// </summary>
public sealed record ArgoCdSelector(string? AppName, string? AppSelector, string? InstanceName)
{
    public const string AppNameAnnotation = "argocd/app-name";
    public const string AppSelectorAnnotation = "argocd/app-selector";
    public const string InstanceNameAnnotation = "argocd/instance-name";

    public string CacheKey => $"{AppName}\n{AppSelector}\n{InstanceName}";

    /// <summary>Null when the entity names no application.</summary>
    public static ArgoCdSelector? FromAnnotations(Func<string, string?> annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        var name = Trimmed(annotation(AppNameAnnotation));
        var selector = name is null ? Trimmed(annotation(AppSelectorAnnotation)) : null;
        return name is null && selector is null ? null : new ArgoCdSelector(name, selector, Trimmed(annotation(InstanceNameAnnotation)));
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
