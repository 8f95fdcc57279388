using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;

namespace Fawkes.Portal.Features.Templates;

/// <summary>What the gallery and the pickers need from the catalog: entities by Backstage filter, and one by ref.</summary>
public interface IEntityLookup
{
    Task<IReadOnlyList<JsonObject>> FindAsync(EntityFilter filter, CancellationToken ct = default);

    Task<JsonObject?> ByRefAsync(EntityRef entityRef, CancellationToken ct = default);
}

/// <summary>The catalog's own read side (one DbContext per call, snapshot for by-ref).</summary>
public sealed class CatalogEntityLookup(CatalogQueries queries) : IEntityLookup
{
    /// <summary>Pickers and the gallery list at most this many; more would not be browsable in a dropdown anyway.</summary>
    public const int Limit = 500;

    public Task<IReadOnlyList<JsonObject>> FindAsync(EntityFilter filter, CancellationToken ct = default) => queries.ListAsync(filter, Limit, 0, ct);

    public Task<JsonObject?> ByRefAsync(EntityRef entityRef, CancellationToken ct = default) => queries.ByRefAsync(entityRef, ct);
}
