using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Catalog;

/// <summary>
/// by-query pages cut from the in-memory snapshot must be the database's pages: the same entities in the same order,
/// the same totals and the same cursors, walking forward to the end and back to the start, for every filter shape the
/// snapshot answers. The database side is <see cref="KeysetQuery"/> on PostgreSQL over the <see cref="TestCatalog"/>.
/// </summary>
public sealed class SnapshotPagesTests(CatalogFixture fixture) : IClassFixture<CatalogFixture>
{
    private EntitySnapshot Snapshot => fixture.Host.Services.GetRequiredService<EntitySnapshot>();

    /// <summary>Filter ('|' between alternatives), full-text term, its fields (comma-separated; null: the default), page size, offset.</summary>
    public static TheoryData<string, string, string?, int, int?> Queries() => new()
    {
        { "", "", null, 7, null },
        { "kind=component", "", null, 4, null },
        { "kind=component", "", null, 3, 2 },
        { "kind=Component,spec.type=service", "", null, 5, null },
        { "kind=user,kind=group", "", null, 1, null },
        { "kind=api|spec.lifecycle=production", "", null, 6, null },
        { "spec.type", "", null, 8, null },
        { "metadata.namespace=default,kind=system", "", null, 2, null },
        { "metadata.name=svc-03", "", null, 2, null },
        { "kind=nothing", "", null, 5, null },
        { "kind=component", "", null, 200, null },
        { "", "SVC-1", "metadata.name", 3, null },
        { "kind=component", "1", "metadata.name,spec.type", 4, 1 },
        { "", "e", "kind,spec.lifecycle,metadata.namespace", 9, null },
        { "", "-", null, 10, null },
        { "", "svc", null, 10, null },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Pages_from_memory_equal_the_database_pages_forward_and_back(string filter, string term, string? fields, int limit, int? offset)
    {
        var query = new ByQuery(EntityFilter.Parse(filter.Split('|')), null, term, fields?.Split(','));
        await WaitForSnapshotAsync(query);
        var forward = new List<string>();
        QueryCursor? cursor = null;
        var pages = 0;
        do
        {
            var (memory, _) = await BothAsync(query, cursor, limit, offset);
            forward.AddRange(memory.Keys);
            cursor = memory.Next;
        }
        while (cursor is not null && ++pages < 50);
        Assert.Equal(forward.Count, forward.Distinct().Count());

        // And back from the last page, through every previous cursor.
        var (last, _) = await BothAsync(query, null, limit, offset);
        for (var next = last.Next; next is not null; next = last.Next)
        {
            (last, _) = await BothAsync(query, next, limit, offset);
        }
        for (var prev = last.Prev; prev is not null; prev = last.Prev)
        {
            (last, _) = await BothAsync(query, prev, limit, offset);
        }
    }

    [Theory]
    [InlineData("kind=component", "metadata.name", "", null)]
    [InlineData("kind=component", null, "svc%", null)]
    [InlineData("kind=component", null, "svc_1", "metadata.name")]
    [InlineData("kind=component", null, "legacy", "metadata.tags")]
    [InlineData("metadata.tags.legacy", null, "", null)]
    [InlineData("relations.ownedby=group:default/team-a", null, "", null)]
    public async Task Queries_that_need_sql_are_left_to_the_database(string filter, string? orderField, string term, string? fields)
    {
        var query = new ByQuery(EntityFilter.Parse([filter]), orderField is null ? null : new OrderField(orderField, true), term, fields?.Split(','));
        await WaitForSnapshotAsync(new ByQuery(EntityFilter.None, null, "", null));

        Assert.Null(await Snapshot.TryPageAsync(query, null, 5, null, true, CancellationToken.None));
    }

    private sealed record Page(IReadOnlyList<string> Keys, int Total, QueryCursor? Next, QueryCursor? Prev);

    /// <summary>The same page both ways; asserts they are equal and returns them.</summary>
    private async Task<(Page Memory, Page Database)> BothAsync(ByQuery query, QueryCursor? cursor, int limit, int? offset)
    {
        var fromMemory = await Snapshot.TryPageAsync(query, cursor, limit, offset, countTotal: true, CancellationToken.None);
        Assert.NotNull(fromMemory);
        var memory = new Page([.. fromMemory!.Items.Select(json => RefKeyOf(json))], fromMemory.TotalItems, fromMemory.Next, fromMemory.Prev);
        await using var db = await fixture.Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var cache = fixture.Host.Services.GetRequiredService<CatalogCache>();
        var fromDatabase = await KeysetQuery.RunAsync(db, cache, query, cursor, limit, offset, countTotal: true, CancellationToken.None);
        var database = new Page([.. fromDatabase.Records.Select(r => r.RefKey)], fromDatabase.TotalItems, fromDatabase.Next, fromDatabase.Prev);

        Assert.Equal(database.Keys, memory.Keys);
        Assert.Equal(database.Total, memory.Total);
        Assert.Equal(database.Next?.Encode(), memory.Next?.Encode());
        Assert.Equal(database.Prev?.Encode(), memory.Prev?.Encode());
        return (memory, database);
    }

    private static string RefKeyOf(byte[] json)
    {
        var entity = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        return $"{entity["kind"]}:{entity["metadata"]!["namespace"]}/{entity["metadata"]!["name"]}".ToLowerInvariant();
    }

    private async Task WaitForSnapshotAsync(ByQuery query)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            if (await Snapshot.TryPageAsync(query, null, 1, null, false, CancellationToken.None) is not null)
            {
                return;
            }
        }
        Assert.Fail("The entity snapshot did not become current within 15 s");
    }
}
