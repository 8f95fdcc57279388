using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Relations;
using Fawkes.Portal.Features.Catalog.Validation;
using Fawkes.Portal.Features.Catalog.Yaml;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

/// <summary>
/// A <c>backstage</c> location mirrors another Backstage backend: its <c>/api/catalog/entities/by-query</c> is read page
/// by page, server-computed fields are dropped (relations are recomputed here) and the entity's origin is kept.
/// </summary>
public sealed class BackstageMirror(UrlFetcher urls, IOptions<CatalogOptions> options)
{
    public const string Type = "backstage";
    public const string OriginAnnotation = "fawkes.io/backstage-origin-location";
    private const int PageSize = 500;
    private const int MaxPages = 10_000;

    public async Task<LocationReadResult> ReadAsync(string baseUrl, CancellationToken ct)
    {
        var source = $"{Type}:{baseUrl}";
        var entities = new List<SourcedEntity>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        string? cursor = null;
        try
        {
            for (var page = 0; page < MaxPages; page++)
            {
                var url = $"{baseUrl.TrimEnd('/')}/api/catalog/entities/by-query?limit={PageSize}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
                var text = await urls.GetStringAsync(url, ct, options.Value.BackstageToken);
                hash.AppendData(Encoding.UTF8.GetBytes(text));
                var body = JsonNode.Parse(text) as JsonObject ?? throw new SourceFetchException($"{url} did not answer with a JSON object.");
                foreach (var (item, index) in (body["items"] as JsonArray ?? []).Select((item, i) => (item, i)))
                {
                    entities.Add(Mirror(item, source, page * PageSize + index));
                }
                cursor = EntityValidator.AsString(body["pageInfo"]?["nextCursor"]);
                if (cursor is null)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is SourceFetchException or HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new LocationReadResult(entities, [new LocationProblem(source, $"Could not mirror {baseUrl}: {ex.Message}")], "");
        }
        return new LocationReadResult(entities, [], Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static SourcedEntity Mirror(JsonNode? item, string source, int index)
    {
        if (item is not JsonObject original)
        {
            return new SourcedEntity(source, index, null, null, [new SourceProblem($"Item {index} is not an entity object.")]);
        }
        var entity = (JsonObject)original.DeepClone();
        entity.Remove("relations");
        entity.Remove("status");
        if (entity["metadata"] is JsonObject metadata)
        {
            metadata.Remove("uid");
            metadata.Remove("etag");
            metadata.Remove("generation");
        }
        var validation = EntityValidator.Validate(entity);
        if (!validation.IsValid)
        {
            return new SourcedEntity(source, index, null, null,
                [.. validation.Errors.Select(e => new SourceProblem($"item {index}: {e.Message}", null, null, e.Field))]);
        }
        var valid = validation.Entity!;
        var annotations = valid["metadata"]!["annotations"] as JsonObject ?? [];
        valid["metadata"]!["annotations"] = annotations;
        if (EntityValidator.AsString(annotations[CatalogAnnotations.ManagedByLocation]) is { } upstream)
        {
            annotations[OriginAnnotation] = upstream;
        }
        annotations[CatalogAnnotations.ManagedByLocation] = source;
        annotations[CatalogAnnotations.ManagedByOriginLocation] = source;
        return new SourcedEntity(source, index, RelationBuilder.RefOf(valid), valid, []);
    }
}
