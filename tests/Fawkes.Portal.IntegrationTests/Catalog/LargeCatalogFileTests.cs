using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Catalog;

/// <summary>
/// A large generated catalog in one file (the shape of Backstage exports) is ingested whole when
/// <c>Catalog:MaxFileBytes</c> allows its size: only nodes added by aliases count as a possible alias bomb.
/// </summary>
public sealed class LargeCatalogFileTests : IAsyncLifetime
{
    private const int Count = 10_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("fawkes-large-").FullName;
    private PortalHost _host = default!;
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        var settings = CatalogFixture.Settings(_folder);
        settings["Catalog:MaxFileBytes"] = (8 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _host = await PortalHost.StartPostgresAsync(settings);
        _api = _host.NewClient(bearer: PortalHost.BootstrapToken);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_five_megabyte_file_of_ten_thousand_entities_is_registered_and_every_entity_ingested()
    {
        var yaml = new StringBuilder();
        for (var i = 0; i < Count; i++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: gen-{i:D5}\n  description: Generated {i}, {new string('x', 330)}\n" +
                $"  tags: [java, gen]\nspec:\n  type: service\n  lifecycle: production\n  owner: team-{i % 20}\n");
        }
        var path = Path.Combine(_folder, "export.yaml");
        await File.WriteAllTextAsync(path, yaml.ToString());
        Assert.InRange(new FileInfo(path).Length, 4_500_000, 6_000_000);

        var response = await _api.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = path });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["location"]!["id"]!.GetValue<string>();
        var location = (await _api.GetFromJsonAsync<JsonObject>($"/api/catalog/locations/{id}"))!;
        Assert.Null(location["errors"]);
        var page = (await _api.GetFromJsonAsync<JsonObject>("/api/catalog/entities/by-query?filter=kind=component&limit=1"))!;
        Assert.Equal(Count, page["totalItems"]!.GetValue<int>());
    }
}
