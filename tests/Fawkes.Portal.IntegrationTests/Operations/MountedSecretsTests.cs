using System.Net;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Operations;

public sealed class MountedSecretsTests
{
    [Fact]
    public async Task A_secret_in_a_mounted_file_configures_the_app()
    {
        var secrets = Directory.CreateTempSubdirectory("fawkes-secrets-").FullName;
        const string token = "fwk_mounted_secret_token_value_for_the_test_000";
        await File.WriteAllTextAsync(Path.Combine(secrets, "Portal__Api__BootstrapToken"), token);
        await using var host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?>
        {
            ["Portal:SecretsDirectory"] = secrets,
            ["Portal:Api:BootstrapToken"] = null,
        });

        using var withMounted = host.NewClient(bearer: token);
        using var withDefault = host.NewClient(bearer: PortalHost.BootstrapToken);

        Assert.Equal(HttpStatusCode.OK, (await withMounted.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withDefault.GetAsync("/api/me")).StatusCode);
    }
}
