using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Catalog;

/// <summary>
/// Backstage's catalog rules with no <c>Catalog:Rules</c> configured (its default: Component, API, Location) and
/// Backstage's generated Location entity, through the API as a client registering a location sees them.
/// </summary>
public sealed class CatalogRulesIngestionTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fawkes-rules-").FullName;
    private PortalHost _host = default!;
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        var settings = CatalogFixture.Settings(_folder);
        settings.Remove("Catalog:Locations:0:Type");
        settings.Remove("Catalog:Locations:0:Target");
        settings["Catalog:Rules"] = null; // present but empty: the test host adds no rules, so Backstage's default applies
        _host = await PortalHost.StartPostgresAsync(settings);
        _api = _host.NewClient(bearer: PortalHost.BootstrapToken);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Doc(string kind, string name, string spec) =>
        $"apiVersion: backstage.io/v1alpha1\nkind: {kind}\nmetadata:\n  name: {name}\nspec:\n{spec}";

    private async Task<HttpStatusCode> StatusOfAsync(string kind, string name) =>
        (await _api.GetAsync($"/api/catalog/entities/by-name/{kind}/default/{name}")).StatusCode;

    [Fact]
    public async Task A_location_leading_to_users_fails_alone_under_the_default_rules_and_the_rest_is_ingested()
    {
        var entry = Path.Combine(_folder, "catalog-info.yaml");
        await File.WriteAllTextAsync(entry, string.Join("---\n",
            Doc("Component", "shop", "  type: service\n  lifecycle: production\n  owner: team-a\n"),
            Doc("Location", "people", "  targets: [./people.yaml]\n"),
            Doc("Location", "apis", "  targets: [./apis.yaml]\n")));
        await File.WriteAllTextAsync(Path.Combine(_folder, "people.yaml"), string.Join("---\n",
            Doc("User", "mallory", "  memberOf: [team-a]\n"), Doc("Component", "beside-the-user", "  type: service\n  lifecycle: production\n  owner: team-a\n")));
        await File.WriteAllTextAsync(Path.Combine(_folder, "apis.yaml"), Doc("API", "pay", "  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition: x\n"));

        var response = await _api.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = entry });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var registered = (await response.Content.ReadFromJsonAsync<JsonObject>())!["location"]!;
        var id = registered["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync("component", "shop"));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync("api", "pay"));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync("location", "apis"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync("location", "people"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync("user", "mallory"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync("component", "beside-the-user"));
        var errors = (await _api.GetFromJsonAsync<JsonObject>($"/api/catalog/locations/{id}"))!["errors"]!.AsArray()
            .Select(e => e!["message"]!.GetValue<string>()).ToList();
        var error = Assert.Single(errors);
        Assert.Contains($"Entity user:default/mallory at file:{Path.Combine(_folder, "people.yaml")}, originated at file:{entry}, is not of an allowed kind", error, StringComparison.Ordinal);

        // Backstage's generated Location entity heads the tree: it is the parent in every root entity's ancestry.
        var generated = registered["entityRef"]!.GetValue<string>();
        var ancestry = (await _api.GetFromJsonAsync<JsonObject>("/api/catalog/entities/by-name/component/default/shop/ancestry"))!;
        var parents = ancestry["items"]!.AsArray().Single(i => i!["entity"]!["metadata"]!["name"]!.GetValue<string>() == "shop")!["parentEntityRefs"]!.AsArray();
        Assert.Equal(generated, Assert.Single(parents)!.GetValue<string>());
        var location = (await _api.GetFromJsonAsync<JsonObject>($"/api/catalog/entities/by-name/{generated.Replace(':', '/')}"))!;
        Assert.Equal(entry, location["spec"]!["target"]!.GetValue<string>());
    }
}
