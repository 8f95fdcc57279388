namespace Fawkes.Portal.App;

public static class SecretsConfiguration
{
    public const string DefaultDirectory = "/run/secrets/fawkes-portal";

    /// <summary>
    /// Secrets from mounted files (Kubernetes Secret volumes): one file per key, named like
    /// <c>Authentication__GitHub__ClientSecret</c>. The folder is <c>Portal:SecretsDirectory</c>.
    /// </summary>
    public static WebApplicationBuilder AddMountedSecrets(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var directory = builder.Configuration["Portal:SecretsDirectory"] ?? DefaultDirectory;
        builder.Configuration.AddKeyPerFile(directory, optional: true, reloadOnChange: false);
        return builder;
    }
}
