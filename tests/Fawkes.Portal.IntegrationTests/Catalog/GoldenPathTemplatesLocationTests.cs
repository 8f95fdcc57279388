using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fawkes.Portal.IntegrationTests.Catalog;

/// <summary>
/// The golden paths in content/templates are registered at start without demo data and under Backstage's default rules
/// (which refuse Templates elsewhere), each Template managed by its own template.yaml so the runner finds its skeleton.
/// </summary>
public sealed class GoldenPathTemplatesLocationTests : IAsyncLifetime
{
    private static readonly string[] Names = ["dotnet-minimal-api", "java-spring-service", "nodejs-express-service", "python-fastapi-service"];
    private readonly string _folder = Directory.CreateTempSubdirectory("fawkes-golden-").FullName;
    private PortalHost _host = default!;
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        var settings = CatalogFixture.Settings(_folder); // demo data off
        settings.Remove("Catalog:Locations:0:Type");
        settings.Remove("Catalog:Locations:0:Target");
        settings.Remove("Catalog:TemplatesPath"); // the default: content/templates
        settings["Catalog:Rules"] = null; // Backstage's default rules: Component, API, Location
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
    public async Task The_four_golden_paths_are_in_the_catalog_each_managed_by_its_own_template_file()
    {
        var templates = await WaitForTemplatesAsync(Names.Length);
        var folder = Path.GetFullPath(Path.Combine(_host.Services.GetRequiredService<IHostEnvironment>().ContentRootPath, "content", "templates"));

        Assert.Equal(Names, templates.Select(t => Name(t)).Order(StringComparer.Ordinal));
        Assert.All(templates, t =>
        {
            var annotations = t["metadata"]!["annotations"]!;
            Assert.Equal($"file:{Path.Combine(folder, Name(t), "template.yaml")}", annotations["backstage.io/managed-by-location"]!.GetValue<string>());
            Assert.Equal($"file:{Path.Combine(folder, "all.yaml")}", annotations["backstage.io/managed-by-origin-location"]!.GetValue<string>());
            Assert.Equal(4, t["spec"]!["steps"]!.AsArray().Count);
        });
        // As a location from app-config, it is not among the registered locations a client can list or delete.
        var listed = await _api.GetFromJsonAsync<JsonArray>("/api/catalog/locations");
        Assert.DoesNotContain(listed!, l => l!["data"]!["target"]!.GetValue<string>().StartsWith(folder, StringComparison.Ordinal));
    }

    private static string Name(JsonNode entity) => entity["metadata"]!["name"]!.GetValue<string>();

    private async Task<List<JsonNode>> WaitForTemplatesAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        List<JsonNode> found = [];
        while (DateTime.UtcNow < deadline)
        {
            found = [.. (await _api.GetFromJsonAsync<JsonArray>("/api/catalog/entities?filter=kind=template"))!.Select(t => t!)];
            if (found.Count >= count)
            {
                return found;
            }
            await Task.Delay(200);
        }
        var locations = await _api.GetStringAsync("/api/catalog/locations");
        throw new TimeoutException($"{found.Count} of {count} templates after 45 s. Locations: {locations}");
    }
}
