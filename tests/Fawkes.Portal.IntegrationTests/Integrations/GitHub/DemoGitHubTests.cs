using System.Net;
using System.Net.Http.Json;
using Fawkes.Portal.Integrations.GitHub;
using Fawkes.Portal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Integrations.GitHub;

/// <summary>
/// Demo mode without a GitHub token: the publisher creates repositories on the simulated GitHub (organisation
/// fawkes-demo), and a catalog-info.yaml pushed there is registered through its <c>repoContentsUrl</c> and ingested.
/// </summary>
public sealed class DemoGitHubTests
{
    [Fact]
    public async Task A_repository_published_in_demo_mode_is_registered_in_the_catalog_from_its_repoContentsUrl()
    {
        await using var host = await PortalHost.StartPostgresAsync();
        using var api = host.NewClient(bearer: PortalHost.BootstrapToken);
        var publisher = host.Services.GetRequiredService<GitHubPublisher>();

        Assert.True(publisher.Endpoint.Demo);
        Assert.Equal("fawkes-demo", publisher.Endpoint.DefaultOwner);
        Assert.Equal(IPAddress.Loopback.ToString(), publisher.Endpoint.WebBaseUrl.Host);
        var created = await publisher.CreateRepositoryAsync(new RepositoryToCreate("fawkes-demo", "demo-hello", "Hello", "public", "main", ["python"]));
        await publisher.PushWorkspaceAsync("fawkes-demo", "demo-hello", "main",
        [
            PublisherHarness.File("catalog-info.yaml",
                "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: demo-hello\nspec:\n  type: service\n  lifecycle: experimental\n  owner: team-a\n"),
        ], "Initial commit");

        using var registered = await api.PostAsJsonAsync("/api/catalog/locations", new { type = "url", target = created.RepoContentsUrl + "/catalog-info.yaml" });

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        await Poll.UntilAsync(async () => (await api.GetAsync("/api/catalog/entities/by-name/component/default/demo-hello")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(20), "demo-hello in the catalog");
        Assert.True(created.Demo);
    }
}
