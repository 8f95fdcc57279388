using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Catalog;

/// <summary>GitHub locations and organisation discovery through Octokit against a GitHub API stand-in.</summary>
public sealed class GitHubCatalogTests : IAsyncLifetime
{
    private FakeGitHub _github = default!;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHub.StartAsync();
        var withFile = new FakeRepository("orders");
        withFile.Files["catalog-info.yaml"] = Component("orders-service") + "---\napiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: orders-more\nspec:\n  targets: [./docs/more.yaml]\n";
        withFile.Files["docs/more.yaml"] = Component("orders-worker");
        var archived = new FakeRepository("old-thing", Archived: true);
        archived.Files["catalog-info.yaml"] = Component("old-thing");
        var trunk = new FakeRepository("billing", DefaultBranch: "trunk");
        trunk.Files["catalog-info.yaml"] = Component("billing-service");
        _github.Organizations["acme"] = [withFile, new FakeRepository("no-catalog"), archived, trunk];
    }

    public async Task DisposeAsync() => await _github.DisposeAsync();

    private static string Component(string name) =>
        $"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: {name}\nspec:\n  type: service\n  lifecycle: production\n  owner: acme-team\n";

    private Dictionary<string, string?> Settings(bool discover)
    {
        var settings = CatalogFixture.Settings(Directory.CreateTempSubdirectory().FullName);
        settings["Integrations:GitHub:ApiBaseUrl"] = _github.ApiBase.ToString();
        settings["Integrations:GitHub:Token"] = FakeGitHub.Token;
        if (discover)
        {
            settings["Catalog:GitHubDiscovery:Organizations:0"] = "acme";
        }
        return settings;
    }

    [Fact]
    public async Task Discovery_finds_every_repository_with_a_catalog_file_and_follows_its_locations()
    {
        await using var host = await PortalHost.StartPostgresAsync(Settings(discover: true));
        using var api = host.NewClient(bearer: PortalHost.BootstrapToken);

        await CatalogFixture.WaitForAsync(api, 4);

        var names = (await api.GetFromJsonAsync<JsonArray>("/api/catalog/entities?filter=kind=component&fields=metadata.name"))!
            .Select(e => e!["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(["billing-service", "orders-service", "orders-worker"], names);
        var worker = (await api.GetFromJsonAsync<JsonObject>("/api/catalog/entities/by-name/component/default/orders-worker"))!;
        Assert.Equal("url:https://github.com/acme/orders/blob/main/docs/more.yaml", worker["metadata"]!["annotations"]!["backstage.io/managed-by-location"]!.GetValue<string>());
        Assert.Equal("github-discovery:acme", worker["metadata"]!["annotations"]!["backstage.io/managed-by-origin-location"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_github_url_is_read_through_the_api_and_a_missing_file_is_explained()
    {
        await using var host = await PortalHost.StartPostgresAsync(Settings(discover: false));
        using var api = host.NewClient(bearer: PortalHost.BootstrapToken);

        var ok = await api.PostAsJsonAsync("/api/catalog/locations", new { type = "url", target = "https://github.com/acme/billing/blob/trunk/catalog-info.yaml" });
        var missing = await api.PostAsJsonAsync("/api/catalog/locations", new { type = "url", target = "https://github.com/acme/no-catalog/blob/main/catalog-info.yaml" });

        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/catalog/entities/by-name/component/default/billing-service")).StatusCode);
        var id = (await missing.Content.ReadFromJsonAsync<JsonObject>())!["location"]!["id"]!.GetValue<string>();
        var location = (await api.GetFromJsonAsync<JsonObject>($"/api/catalog/locations/{id}"))!;
        Assert.Contains("does not exist", location["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
