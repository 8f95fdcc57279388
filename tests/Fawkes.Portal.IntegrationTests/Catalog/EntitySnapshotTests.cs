using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Catalog;

/// <summary>
/// by-name is served from an in-memory snapshot: it must follow a change made through another replica within a
/// second or two, and serve what the database would.
/// </summary>
public sealed class EntitySnapshotTests : IAsyncLifetime
{
    private readonly string _folder = TestCatalog.Create();
    private PortalHost _writer = default!;
    private PortalHost _reader = default!;

    public async Task InitializeAsync()
    {
        _writer = await PortalHost.StartPostgresAsync(CatalogFixture.Settings(_folder));
        using var api = _writer.NewClient(bearer: PortalHost.BootstrapToken);
        await CatalogFixture.WaitForAsync(api, TestCatalog.Total);
        _reader = await PortalHost.StartPostgresAsync(CatalogFixture.Settings(_folder), _writer.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _writer.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<HttpStatusCode> WaitForStatusAsync(HttpClient api, string path, HttpStatusCode wanted, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        HttpStatusCode status;
        do
        {
            status = (await api.GetAsync(path)).StatusCode;
        }
        while (status != wanted && DateTime.UtcNow < deadline && await Task.Delay(50).ContinueWith(_ => true));
        return status;
    }

    [Fact]
    public async Task A_deletion_through_one_replica_shows_on_the_other_within_seconds()
    {
        using var write = _writer.NewClient(bearer: PortalHost.BootstrapToken);
        using var read = _reader.NewClient(bearer: PortalHost.BootstrapToken);
        const string Path = "/api/catalog/entities/by-name/component/default/svc-03";

        // Served (and snapshotted) on the reader; the same JSON as the writer's database answer.
        var before = await read.GetFromJsonAsync<JsonObject>(Path);
        // The first lookup starts the background build; once built on PostgreSQL, lookups come from memory.
        var snapshot = _reader.Services.GetRequiredService<Fawkes.Portal.Features.Catalog.Query.EntitySnapshot>();
        for (var deadline = DateTime.UtcNow.AddSeconds(10); snapshot.BuiltVersion is null && DateTime.UtcNow < deadline;)
        {
            await read.GetAsync(Path);
            await Task.Delay(50);
        }
        Assert.NotNull(snapshot.BuiltVersion);
        var fromSnapshot = await read.GetFromJsonAsync<JsonObject>(Path);
        Assert.Equal(before!.ToJsonString(), fromSnapshot!.ToJsonString());
        Assert.Contains(fromSnapshot["relations"]!.AsArray(), r => r!["type"]!.GetValue<string>() == "ownedBy");

        var uid = fromSnapshot["metadata"]!["uid"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await write.DeleteAsync($"/api/catalog/entities/by-uid/{uid}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, await WaitForStatusAsync(read, Path, HttpStatusCode.NotFound, TimeSpan.FromSeconds(3)));
        Assert.Equal(HttpStatusCode.OK, (await read.GetAsync("/api/catalog/entities/by-name/component/default/svc-04")).StatusCode);
    }

    [Fact]
    public async Task By_refs_from_the_snapshot_answers_as_the_database_and_follows_a_deletion()
    {
        using var write = _writer.NewClient(bearer: PortalHost.BootstrapToken);
        using var read = _reader.NewClient(bearer: PortalHost.BootstrapToken);
        var body = new { entityRefs = new[] { "component:default/svc-05", "component:default/nothing", "component:default/svc-05" } };
        var snapshot = _reader.Services.GetRequiredService<Fawkes.Portal.Features.Catalog.Query.EntitySnapshot>();
        for (var deadline = DateTime.UtcNow.AddSeconds(10); snapshot.BuiltVersion is null && DateTime.UtcNow < deadline;)
        {
            await read.PostAsJsonAsync("/api/catalog/entities/by-refs", body);
            await Task.Delay(50);
        }
        Assert.NotNull(snapshot.BuiltVersion);

        var items = (await (await read.PostAsJsonAsync("/api/catalog/entities/by-refs", body)).Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        // GET /entities composes from the database, never from the snapshot.
        var fromDatabase = (await read.GetFromJsonAsync<JsonArray>("/api/catalog/entities?filter=kind=component,metadata.name=svc-05"))!.Single();
        Assert.Equal(3, items.Count);
        Assert.Equal(fromDatabase!.ToJsonString(), items[0]!.ToJsonString());
        Assert.Null(items[1]);
        Assert.Equal(fromDatabase.ToJsonString(), items[2]!.ToJsonString());

        var uid = fromDatabase["metadata"]!["uid"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await write.DeleteAsync($"/api/catalog/entities/by-uid/{uid}")).StatusCode);
        var deadlineAfter = DateTime.UtcNow.AddSeconds(3);
        JsonArray after;
        do
        {
            after = (await (await read.PostAsJsonAsync("/api/catalog/entities/by-refs", body)).Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        }
        while (after[0] is not null && DateTime.UtcNow < deadlineAfter && await Task.Delay(50).ContinueWith(_ => true));
        Assert.All(after, item => Assert.Null(item));
    }

    [Fact]
    public async Task A_notification_that_changed_nothing_does_not_rebuild_and_a_change_does()
    {
        using var write = _writer.NewClient(bearer: PortalHost.BootstrapToken);
        var snapshot = _writer.Services.GetRequiredService<Fawkes.Portal.Features.Catalog.Query.EntitySnapshot>();
        for (var deadline = DateTime.UtcNow.AddSeconds(10); snapshot.BuiltVersion is null && DateTime.UtcNow < deadline;)
        {
            await write.GetAsync("/api/catalog/entities/by-name/component/default/svc-06");
            await Task.Delay(50);
        }
        var builds = snapshot.Builds;
        Assert.True(builds > 0);

        // What a location read again with nothing new does: it notifies, the catalog version stays.
        _writer.Services.GetRequiredService<Fawkes.Portal.Features.Catalog.Ingestion.CatalogChanges>().Notify();
        await Task.Delay(1_000);
        Assert.Equal(builds, snapshot.Builds);

        var uid = (await write.GetFromJsonAsync<JsonObject>("/api/catalog/entities/by-name/component/default/svc-06"))!["metadata"]!["uid"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await write.DeleteAsync($"/api/catalog/entities/by-uid/{uid}")).StatusCode);
        for (var deadline = DateTime.UtcNow.AddSeconds(5); snapshot.Builds == builds && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(50);
        }
        Assert.Equal(builds + 1, snapshot.Builds);
    }

    [Fact]
    public async Task By_query_pages_written_from_the_snapshot_match_the_database_and_page_on()
    {
        using var read = _reader.NewClient(bearer: PortalHost.BootstrapToken);
        var snapshot = _reader.Services.GetRequiredService<Fawkes.Portal.Features.Catalog.Query.EntitySnapshot>();
        const string Query = "/api/catalog/entities/by-query?filter=kind=component&orderField=metadata.name,asc&limit=2";
        for (var deadline = DateTime.UtcNow.AddSeconds(10); snapshot.BuiltVersion is null && DateTime.UtcNow < deadline;)
        {
            await read.GetAsync(Query);
            await Task.Delay(50);
        }
        Assert.NotNull(snapshot.BuiltVersion);

        var response = await read.GetAsync(Query);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var page = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var items = page["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.True(page["totalItems"]!.GetValue<int>() > 2);
        foreach (var item in items)
        {
            var name = item!["metadata"]!["name"]!.GetValue<string>();
            // GET /entities composes from the database, never from the snapshot.
            var fromDatabase = (await read.GetFromJsonAsync<JsonArray>($"/api/catalog/entities?filter=kind=component,metadata.name={name}"))!.Single();
            Assert.Equal(fromDatabase!.ToJsonString(), item.ToJsonString());
        }
        var next = page["pageInfo"]!["nextCursor"]!.GetValue<string>();
        var second = (await read.GetFromJsonAsync<JsonObject>($"/api/catalog/entities/by-query?limit=2&cursor={Uri.EscapeDataString(next)}"))!;
        Assert.Equal(2, second["items"]!.AsArray().Count);
        Assert.DoesNotContain(second["items"]!.AsArray(), i => items.Any(j => j!["metadata"]!["uid"]!.ToJsonString() == i!["metadata"]!["uid"]!.ToJsonString()));
        Assert.NotNull(second["pageInfo"]!["prevCursor"]);
    }
}
