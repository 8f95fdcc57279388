using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fawkes.Portal.IntegrationTests.Catalog;

/// <summary>
/// The start-up read of configured file locations: used by the first processing of its location only, never when
/// stale or failed. Real files, real PostgreSQL; the file is changed between the read and the processing, so which
/// content got stored tells whether the prefetched read was used.
/// </summary>
public sealed class LocationPrefetchTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fawkes-prefetch-").FullName;
    private PortalHost _host = default!;
    private HttpClient _api = default!;

    private LocationService Locations => _host.Services.GetRequiredService<LocationService>();

    public async Task InitializeAsync()
    {
        _host = await PortalHost.StartPostgresAsync(CatalogFixture.Settings(_folder));
        _api = _host.NewClient(bearer: PortalHost.BootstrapToken);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _host.DisposeAsync();
    }

    private string Write(string file, string description)
    {
        var path = Path.Combine(_folder, file);
        File.WriteAllText(path, $"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: {Path.GetFileNameWithoutExtension(file)}\n  description: {description}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n");
        return path;
    }

    private async Task<string?> DescriptionAsync(string name) =>
        (await _api.GetFromJsonAsync<JsonObject>($"/api/catalog/entities/by-name/component/default/{name}"))?["metadata"]?["description"]?.GetValue<string>();

    private async Task<Guid> LocationOf(string path) =>
        (await Locations.EnsureAsync("file", path, "api", "tester", CancellationToken.None))!.Value;

    [Fact]
    public async Task The_first_processing_takes_the_start_up_read_and_later_ones_read_afresh()
    {
        var path = Write("prefetched.yaml", "as read at start");
        var prefetch = _host.Services.GetRequiredService<LocationPrefetch>();
        prefetch.Start([("file", path)]);
        await prefetch.AllReadAsync();
        Write("prefetched.yaml", "changed after start");
        var id = await LocationOf(path);

        await Locations.ProcessAsync(id, force: true, CancellationToken.None);
        var first = await DescriptionAsync("prefetched");
        await Locations.ProcessAsync(id, force: true, CancellationToken.None);
        var second = await DescriptionAsync("prefetched");

        Assert.Equal("as read at start", first);
        Assert.Equal("changed after start", second);
    }

    [Fact]
    public async Task A_start_up_read_older_than_two_minutes_is_not_used()
    {
        var path = Write("stale.yaml", "as read at start");
        var time = new ManualTime(DateTimeOffset.UtcNow);
        var prefetch = new LocationPrefetch(_host.Services.GetRequiredService<LocationReader>(), time, NullLogger<LocationPrefetch>.Instance);
        prefetch.Start([("file", path)]);
        await prefetch.AllReadAsync();
        time.Now += TimeSpan.FromMinutes(3);

        Assert.Null(await prefetch.TakeAsync("file", path));
    }

    [Fact]
    public async Task Only_file_locations_are_read_early_and_each_read_is_taken_once()
    {
        var path = Write("once.yaml", "once");
        var prefetch = new LocationPrefetch(_host.Services.GetRequiredService<LocationReader>(), TimeProvider.System, NullLogger<LocationPrefetch>.Instance);
        prefetch.Start([("file", path), ("url", "http://localhost:1/catalog-info.yaml")]);

        var taken = await prefetch.TakeAsync("file", path);

        Assert.NotNull(taken);
        Assert.Contains(taken!.Entities, e => e.Ref?.Name == "once");
        Assert.Null(await prefetch.TakeAsync("file", path));
        Assert.Null(await prefetch.TakeAsync("url", "http://localhost:1/catalog-info.yaml"));
    }

    [Fact]
    public async Task A_taken_read_is_not_kept_in_memory_by_the_prefetch()
    {
        var path = Write("released.yaml", "released");
        var prefetch = new LocationPrefetch(_host.Services.GetRequiredService<LocationReader>(), TimeProvider.System, NullLogger<LocationPrefetch>.Instance);
        prefetch.Start([("file", path)]);

        var taken = await TakeWeaklyAsync(prefetch, path);
        for (var i = 0; i < 3 && taken.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(taken.IsAlive, "the prefetch still references a read it handed out (its entities stay in memory for two minutes)");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> TakeWeaklyAsync(LocationPrefetch prefetch, string path) =>
        new(await prefetch.TakeAsync("file", path) ?? throw new InvalidOperationException("nothing prefetched"));

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
