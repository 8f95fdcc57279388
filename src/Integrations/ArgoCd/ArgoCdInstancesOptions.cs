using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Integrations.ArgoCd;

/// <summary>Bound from <c>Integrations:ArgoCd</c>: the ArgoCD servers every entity's ArgoCD tab asks.</summary>
public sealed class ArgoCdInstancesOptions
{
    public const string Section = "Integrations:ArgoCd";

    public List<ArgoCdInstanceOptions> Instances { get; set; } = [];

    /// <summary>How long one instance may take for a whole answer (application, resource tree, commit authors), retries included.</summary>
    public double TimeoutSeconds { get; set; } = 5;

    /// <summary>How long an answer is shared by every viewer before the instances are asked again.</summary>
    public double CacheSeconds { get; set; } = 10;
}

/// <summary>One server: <c>Integrations:ArgoCd:Instances:{i}:…</c>, with a Token or a Username/Password pair.</summary>
public sealed class ArgoCdInstanceOptions
{
    public string Name { get; set; } = "";

    /// <summary>Root of the ArgoCD server (the one serving <c>/api/v1</c>); plain <c>http://</c> is accepted.</summary>
    public string Url { get; set; } = "";

    /// <summary>Bearer token of an ArgoCD account (a secret: never logged or shown).</summary>
    public string? Token { get; set; }

    /// <summary>A local ArgoCD account, exchanged at <c>POST /api/v1/session</c> for a token that is kept and renewed on 401.</summary>
    public string? Username { get; set; }

    /// <summary>Password of <see cref="Username"/> (a secret).</summary>
    public string? Password { get; set; }
}

/// <summary>Start-up validation naming the setting at fault.</summary>
internal sealed class ArgoCdInstancesOptionsValidator : IValidateOptions<ArgoCdInstancesOptions>
{
    public ValidateOptionsResult Validate(string? name, ArgoCdInstancesOptions options)
    {
        var errors = new List<string>();
        if (options.TimeoutSeconds is < 0.5 or > 60)
        {
            errors.Add($"{ArgoCdInstancesOptions.Section}:TimeoutSeconds must be between 0.5 and 60 (is {options.TimeoutSeconds}).");
        }
        if (options.CacheSeconds is < 0 or > 600)
        {
            errors.Add($"{ArgoCdInstancesOptions.Section}:CacheSeconds must be between 0 and 600 (is {options.CacheSeconds}).");
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Instances.Count; i++)
        {
            var o = options.Instances[i];
            var key = $"{ArgoCdInstancesOptions.Section}:Instances:{i}";
            if (string.IsNullOrWhiteSpace(o.Name))
            {
                errors.Add($"{key}:Name is required.");
            }
            else if (!names.Add(o.Name))
            {
                errors.Add($"{key}:Name '{o.Name}' is used by another instance; names must be unique.");
            }
            if (!(Uri.TryCreate(o.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)))
            {
                errors.Add($"{key}:Url must be an absolute http:// or https:// URL (is '{o.Url}').");
            }
            var hasToken = !string.IsNullOrEmpty(o.Token);
            var hasUser = !string.IsNullOrWhiteSpace(o.Username);
            if (hasToken == hasUser)
            {
                errors.Add($"{key}: set either Token, or Username and Password (found {(hasToken ? "both" : "neither")}).");
            }
            if (hasUser && string.IsNullOrEmpty(o.Password))
            {
                errors.Add($"{key}:Password is required with Username.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
