using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.Jenkins;

/// <summary>Bound from <c>Integrations:Jenkins</c>: the Jenkins controllers every entity's Jenkins tab may ask.</summary>
public sealed class JenkinsIntegrationOptions
{
    public const string Section = "Integrations:Jenkins";

    public List<JenkinsInstanceOptions> Instances { get; set; } = [];

    /// <summary>How long one instance may take for a whole answer (every call of it, retries included).</summary>
    public double TimeoutSeconds { get; set; } = 5;

    /// <summary>How long an answer is shared by every viewer before Jenkins is asked again.</summary>
    public double CacheSeconds { get; set; } = 10;
}

/// <summary>One controller: <c>Integrations:Jenkins:Instances:{i}:Name|Url|User|ApiToken</c>.</summary>
public sealed class JenkinsInstanceOptions
{
    /// <summary>What <c>jenkins.io/job-full-name: name:folder/job</c> refers to; the first instance is the default.</summary>
    public string Name { get; set; } = "";

    public string Url { get; set; } = "";

    public string? User { get; set; }

    /// <summary>API token of <see cref="User"/> (basic auth). A secret: never logged or shown.</summary>
    public string? ApiToken { get; set; }
}

/// <summary>Start-up validation naming the setting at fault.</summary>
internal sealed class JenkinsIntegrationOptionsValidator : IValidateOptions<JenkinsIntegrationOptions>
{
    public ValidateOptionsResult Validate(string? name, JenkinsIntegrationOptions options)
    {
        var errors = new List<string>();
        if (options.TimeoutSeconds is < 0.5 or > 60)
        {
            errors.Add($"{JenkinsIntegrationOptions.Section}:TimeoutSeconds must be between 0.5 and 60 (is {options.TimeoutSeconds}).");
        }
        if (options.CacheSeconds is < 0 or > 600)
        {
            errors.Add($"{JenkinsIntegrationOptions.Section}:CacheSeconds must be between 0 and 600 (is {options.CacheSeconds}).");
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Instances.Count; i++)
        {
            var instance = options.Instances[i];
            var key = $"{JenkinsIntegrationOptions.Section}:Instances:{i}";
            if (string.IsNullOrWhiteSpace(instance.Name))
            {
                errors.Add($"{key}:Name is required.");
            }
            else if (instance.Name.Contains(':', StringComparison.Ordinal))
            {
                errors.Add($"{key}:Name '{instance.Name}' must not contain ':' (it prefixes job names as 'name:folder/job').");
            }
            else if (!names.Add(instance.Name))
            {
                errors.Add($"{key}:Name '{instance.Name}' is used by another instance; names must be unique.");
            }
            if (!(Uri.TryCreate(instance.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)))
            {
                errors.Add($"{key}:Url must be an absolute http:// or https:// URL (is '{instance.Url}').");
            }
            if (string.IsNullOrEmpty(instance.User) != string.IsNullOrEmpty(instance.ApiToken))
            {
                errors.Add($"{key}: set both User and ApiToken, or neither (anonymous read access).");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
