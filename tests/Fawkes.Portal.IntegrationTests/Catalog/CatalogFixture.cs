using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Catalog;

/// <summary>The portal on PostgreSQL with the <see cref="TestCatalog"/> configured as a location, fully ingested.</summary>
public sealed class CatalogFixture : IAsyncLifetime
{
    public PortalHost Host { get; private set; } = default!;
    public string Folder { get; } = TestCatalog.Create();
    public HttpClient Api { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Host = await PortalHost.StartPostgresAsync(Settings(Folder));
        Api = Host.NewClient(bearer: PortalHost.BootstrapToken);
        await WaitForAsync(Api, TestCatalog.Total);
    }

    public static Dictionary<string, string?> Settings(string folder) => new()
    {
        ["Portal:Demo:Enabled"] = "false",
        ["Catalog:Locations:0:Type"] = "file",
        ["Catalog:Locations:0:Target"] = Path.Combine(folder, "catalog-info.yaml"),
        ["Catalog:FileRoots:0"] = folder,
        ["Catalog:AllowedHosts:0"] = "localhost",
        ["Catalog:AllowPrivateNetworks"] = "true",
        ["Catalog:RefreshIntervalSeconds"] = "3600",
        // The test catalog's counts are exact; the shipped golden-path templates are tested on their own.
        ["Catalog:TemplatesPath"] = "",
    };

    /// <summary>Waits for start-up ingestion (a background job) to make the catalog queryable.</summary>
    public static async Task WaitForAsync(HttpClient api, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        var seen = 0;
        while (DateTime.UtcNow < deadline)
        {
            var page = await api.GetFromJsonAsync<JsonObject>("/api/catalog/entities/by-query?limit=0");
            seen = page!["totalItems"]!.GetValue<int>();
            if (seen >= count)
            {
                return;
            }
            await Task.Delay(100);
        }
        var locations = await api.GetStringAsync("/api/catalog/locations");
        throw new TimeoutException($"The catalog has {seen} entities after 45 s; expected {count}. Locations: {locations}");
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        await Host.DisposeAsync();
    }
}
