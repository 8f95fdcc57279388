namespace Fawkes.Portal.Integrations.SonarQube;

/// <summary>
/// Backstage's <c>sonarqube.org/project-key</c> annotation, <c>[instance/]projectKey</c>, split as Backstage's SonarQube
/// plugin splits it: at the first <c>/</c>, so <c>a/tenant/key</c> is instance <c>a</c> and key <c>tenant/key</c>, and
/// <c>tenant:key</c> (no slash) is a key on the default instance.
/// </summary>
public sealed record SonarQubeProjectRef(string? Instance, string Key)
{
    public const string Annotation = "sonarqube.org/project-key";

    /// <summary>Null for a missing or empty annotation.</summary>
    /// <exception cref="FormatException">A value with an empty instance or key (<c>/key</c>, <c>ci/</c>), saying what is wrong.</exception>
    public static SonarQubeProjectRef? Parse(string? annotation)
    {
        if (string.IsNullOrWhiteSpace(annotation))
        {
            return null;
        }
        var value = annotation.Trim();
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return new SonarQubeProjectRef(null, value);
        }
        var (instance, key) = (value[..slash].Trim(), value[(slash + 1)..].Trim());
        if (instance.Length == 0 || key.Length == 0)
        {
            throw new FormatException($"{Annotation} '{annotation}': {(instance.Length == 0 ? "the instance name before '/'" : "the project key after '/'")} "
                + "is empty (write 'projectKey' or 'instance/projectKey').");
        }
        return new SonarQubeProjectRef(instance, key);
    }

    public string CacheKey => (Instance ?? "") + "/" + Key;
}
