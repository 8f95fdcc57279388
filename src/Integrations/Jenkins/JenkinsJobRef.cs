namespace Fawkes.Portal.Integrations.Jenkins;

/// <summary>
/// Backstage's <c>jenkins.io/job-full-name</c> annotation, <c>[instance:]folder/job</c>: which instance (null = the
/// default, the first configured) and the job's full name with folders. A multibranch project names its branch as the
/// last part (<c>folder/project/main</c>) or leaves it to the portal (<c>folder/project</c>), which then picks one.
/// </summary>
public sealed record JenkinsJobRef(string? Instance, string FullName)
{
    public const string Annotation = "jenkins.io/job-full-name";

    /// <summary>Our own annotation: the branch a multibranch project shows when the annotation names none (else <c>main</c>).</summary>
    public const string DefaultBranchAnnotation = "jenkins.io/default-branch";

    /// <summary>Null for a missing or empty annotation.</summary>
    /// <exception cref="FormatException">A value that names no job (<c>ci:</c>, <c>//</c>), saying what is wrong.</exception>
    public static JenkinsJobRef? Parse(string? annotation)
    {
        if (string.IsNullOrWhiteSpace(annotation))
        {
            return null;
        }
        var value = annotation.Trim();
        string? instance = null;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            instance = value[..colon].Trim();
            value = value[(colon + 1)..];
            if (instance.Length == 0)
            {
                throw new FormatException($"{Annotation} '{annotation}': the instance name before ':' is empty (write 'instance:folder/job' or 'folder/job').");
            }
        }
        var parts = value.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            throw new FormatException($"{Annotation} '{annotation}' names no job (write 'folder/job', optionally prefixed by 'instance:').");
        }
        return new JenkinsJobRef(instance, string.Join('/', parts));
    }

    /// <summary>The job's folders (everything before its own name), shown as the problem's namespace.</summary>
    public string Folder => FullName.Contains('/', StringComparison.Ordinal) ? FullName[..FullName.LastIndexOf('/')] : "";

    public string CacheKey => (Instance ?? "") + ":" + FullName;
}
