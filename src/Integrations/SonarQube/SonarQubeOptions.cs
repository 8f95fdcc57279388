using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.SonarQube;

/// <summary>Bound from <c>Integrations:SonarQube</c>: the SonarQube servers every entity's quality panel may ask.</summary>
public sealed class SonarQubeOptions
{
    public const string Section = "Integrations:SonarQube";

    public List<SonarQubeInstanceOptions> Instances { get; set; } = [];

    /// <summary>How long one instance may take for a whole answer (gate and measures), retries included.</summary>
    public double TimeoutSeconds { get; set; } = 5;

    /// <summary>How long an answer is shared by every viewer before SonarQube is asked again.</summary>
    public double CacheSeconds { get; set; } = 30;
}

/// <summary>One server: <c>Integrations:SonarQube:Instances:{i}:Name|Url|Token|AuthScheme</c>.</summary>
public sealed class SonarQubeInstanceOptions
{
    /// <summary>What <c>sonarqube.org/project-key: name/key</c> refers to. Without a prefix, the instance named <c>default</c>, else the first.</summary>
    public string Name { get; set; } = "";

    /// <summary>Root URL of the server (SonarCloud: <c>https://sonarcloud.io</c>); a base path is kept.</summary>
    public string Url { get; set; } = "";

    /// <summary>A user token (a secret: never logged or shown); empty for a server that allows anonymous reads.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// <c>Basic</c> (the token as user, empty password: every SonarQube version and SonarCloud, as Backstage sends it) or
    /// <c>Bearer</c> (SonarQube 10 and later).
    /// </summary>
    public string AuthScheme { get; set; } = "Basic";
}

/// <summary>Start-up validation naming the setting at fault.</summary>
internal sealed class SonarQubeOptionsValidator : IValidateOptions<SonarQubeOptions>
{
    public ValidateOptionsResult Validate(string? name, SonarQubeOptions options)
    {
        var errors = new List<string>();
        if (options.TimeoutSeconds is < 0.5 or > 60)
        {
            errors.Add($"{SonarQubeOptions.Section}:TimeoutSeconds must be between 0.5 and 60 (is {options.TimeoutSeconds}).");
        }
        if (options.CacheSeconds is < 0 or > 3600)
        {
            errors.Add($"{SonarQubeOptions.Section}:CacheSeconds must be between 0 and 3600 (is {options.CacheSeconds}).");
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Instances.Count; i++)
        {
            var o = options.Instances[i];
            var key = $"{SonarQubeOptions.Section}:Instances:{i}";
            if (string.IsNullOrWhiteSpace(o.Name))
            {
                errors.Add($"{key}:Name is required.");
            }
            else if (o.Name.Contains('/', StringComparison.Ordinal))
            {
                errors.Add($"{key}:Name '{o.Name}' must not contain '/' (it prefixes project keys as 'name/key').");
            }
            else if (!names.Add(o.Name))
            {
                errors.Add($"{key}:Name '{o.Name}' is used by another instance; names must be unique.");
            }
            if (!(Uri.TryCreate(o.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)))
            {
                errors.Add($"{key}:Url must be an absolute http:// or https:// URL (is '{o.Url}').");
            }
            if (!string.Equals(o.AuthScheme, "Basic", StringComparison.OrdinalIgnoreCase) && !string.Equals(o.AuthScheme, "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{key}:AuthScheme must be 'Basic' or 'Bearer' (is '{o.AuthScheme}').");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
