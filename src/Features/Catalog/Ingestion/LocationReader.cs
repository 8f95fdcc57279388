using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Relations;
using Fawkes.Portal.Features.Catalog.Validation;
using Fawkes.Portal.Features.Catalog.Yaml;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

/// <summary>
/// Reads a location and everything it leads to (Location entities, recursively), validates each entity and
/// resolves <c>$text</c>/<c>$json</c>/<c>$yaml</c> placeholders. Never throws for bad input: problems are returned.
/// </summary>
public sealed class LocationReader(SourceFetcher fetcher, BackstageMirror backstage, CatalogRules rules, IOptions<CatalogOptions> options)
{
    private const int MaxLocations = 5_000;

    public async Task<LocationReadResult> ReadAsync(string type, string target, CancellationToken cancellationToken)
    {
        if (type == BackstageMirror.Type)
        {
            return await backstage.ReadAsync(target, cancellationToken);
        }
        var entities = new List<SourcedEntity>();
        var problems = new List<LocationProblem>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // As in Backstage, the root location is itself a Location entity, and the parent of everything its target holds.
        var root = GeneratedLocation.Create(type, target);
        entities.Add(root);
        var level = new List<PendingLocation> { new(type, target, root.Ref!.Value.ToString()) };
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var rootTarget = $"{type}:{target}";

        // Breadth first, one tree level at a time: the level's locations are fetched and parsed in parallel (files are
        // independent; parsing is most of a bulk registration's CPU), then taken in order, so the entities, problems,
        // content hash and next level are exactly those of reading one location after another.
        while (level.Count > 0 && visited.Count < MaxLocations)
        {
            var batch = new List<PendingLocation>();
            foreach (var pending in level)
            {
                if (visited.Count >= MaxLocations)
                {
                    break;
                }
                if (visited.Add($"{pending.Type}:{pending.Target}"))
                {
                    batch.Add(pending);
                }
            }
            using var slots = new SemaphoreSlim(Environment.ProcessorCount);
            var reads = await Task.WhenAll(batch.Select(pending => ReadLocationAsync(pending, rootTarget, slots, cancellationToken)));
            level = [];
            foreach (var read in reads)
            {
                if (read.Problem is { } problem)
                {
                    problems.Add(problem);
                    continue;
                }
                hash.AppendData(read.HashedBytes.GetBuffer(), 0, (int)read.HashedBytes.Length);
                foreach (var (entity, file) in read.Entities)
                {
                    entities.Add(entity);
                    if (entity.IsValid && string.Equals(entity.Ref?.Kind, CatalogKinds.Location, StringComparison.OrdinalIgnoreCase))
                    {
                        level.AddRange(LocationTargets(entity.Entity!, file).Select(next => new PendingLocation(next.Item1, next.Item2, entity.Ref!.Value.ToString())));
                    }
                }
            }
        }
        return new LocationReadResult(RuleEnforcement.Apply(entities, rules, type, target), problems, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private sealed record PendingLocation(string Type, string Target, string? Parent);

    /// <summary>One location's entities (with the file each came from) and the bytes it adds to the content hash, in order.</summary>
    private sealed record LocationRead(List<(SourcedEntity Entity, FetchedFile File)> Entities, MemoryStream HashedBytes, LocationProblem? Problem);

    private async Task<LocationRead> ReadLocationAsync(PendingLocation pending, string rootTarget, SemaphoreSlim slots, CancellationToken ct)
    {
        await slots.WaitAsync(ct);
        try
        {
            return await Task.Run(async () =>
            {
                var hashed = new MemoryStream();
                var entities = new List<(SourcedEntity, FetchedFile)>();
                IReadOnlyList<FetchedFile> files;
                try
                {
                    files = await fetcher.FetchAsync(pending.Type, pending.Target, ct);
                }
                catch (SourceFetchException ex)
                {
                    return new LocationRead(entities, hashed, new LocationProblem($"{pending.Type}:{pending.Target}", ex.Message));
                }
                foreach (var file in files)
                {
                    hashed.Write(Encoding.UTF8.GetBytes($"{file.Location}\n{file.Text}\n"));
                    entities.AddRange((await ParseFileAsync(file, rootTarget, pending.Parent, hashed, ct)).Select(e => (e, file)));
                }
                return new LocationRead(entities, hashed, null);
            }, ct);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<List<SourcedEntity>> ParseFileAsync(FetchedFile file, string rootTarget, string? parent, MemoryStream hash, CancellationToken cancellationToken)
    {
        var source = $"{file.Type}:{file.Location}";
        var read = CatalogYamlReader.Read(file.Text, options.Value.MaxFileBytes);
        if (read.Error is { } error)
        {
            return [new SourcedEntity(source, error.Line ?? 0, null, null, [error]) { ParentRef = parent }];
        }
        var result = new List<SourcedEntity>();
        foreach (var doc in read.Documents)
        {
            if (doc.Root is null)
            {
                continue; // An empty document (e.g. a trailing '---') is not an entity.
            }
            var entityRef = TryRef(doc.Root);
            // Placeholders first: spec.definition: {$text: ./openapi.yaml} only becomes a string once resolved.
            // A placeholder that cannot be read fails this entity only (as Backstage's processing does): it is not stored,
            // the error names file, entity and field, and the other entities of the file go on.
            var placeholderProblems = await ResolvePlaceholdersAsync(doc.Root, "", file, doc, hash, cancellationToken);
            if (placeholderProblems.Count > 0)
            {
                result.Add(new SourcedEntity(source, doc.Line, entityRef, null, placeholderProblems) { ParentRef = parent });
                continue;
            }
            var validation = EntityValidator.Validate(doc.Root);
            if (!validation.IsValid)
            {
                var issues = validation.Errors.Select(e => new SourceProblem(e.Message, doc.LineOf(e.Field), null, e.Field)).ToList();
                result.Add(new SourcedEntity(source, doc.Line, entityRef, null, issues) { ParentRef = parent });
                continue;
            }
            var entity = validation.Entity!;
            SpecListOrder.Apply(entity);
            var metadata = (JsonObject)entity["metadata"]!;
            if (metadata["annotations"] is not JsonObject annotations)
            {
                metadata["annotations"] = annotations = new JsonObject();
            }
            LocationAnnotations.Apply(annotations, file.Type, file.Location, rootTarget);
            result.Add(new SourcedEntity(source, doc.Line, RelationBuilder.RefOf(entity), entity, []) { ParentRef = parent });
        }
        return result;
    }

    private static IEnumerable<(string, string)> LocationTargets(JsonObject location, FetchedFile file)
    {
        var spec = (JsonObject)location["spec"]!;
        var type = EntityValidator.AsString(spec["type"]) ?? file.Type;
        var targets = new List<string>();
        if (EntityValidator.AsString(spec["target"]) is { } single)
        {
            targets.Add(single);
        }
        if (spec["targets"] is JsonArray many)
        {
            targets.AddRange(many.Select(EntityValidator.AsString).OfType<string>());
        }
        foreach (var target in targets)
        {
            var resolved = SourceFetcher.Resolve(file.Type, file.Location, target);
            yield return (SourceFetcher.TypeOf(resolved) == "url" ? "url" : type, resolved);
        }
    }

    /// <summary>Replaces <c>{"$text": "./openapi.yaml"}</c> (and $json, $yaml) with the referenced file's content.</summary>
    private async Task<List<SourceProblem>> ResolvePlaceholdersAsync(JsonNode node, string path, FetchedFile file, YamlDocument doc, MemoryStream hash, CancellationToken ct)
    {
        var problems = new List<SourceProblem>();
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Select(p => p.Key).ToList())
            {
                var child = obj[key];
                var childPath = path.Length == 0 ? key : $"{path}.{key}";
                if (child is JsonObject { Count: 1 } placeholder && placeholder.First().Key is "$text" or "$json" or "$yaml")
                {
                    var (kind, value) = (placeholder.First().Key, EntityValidator.AsString(placeholder.First().Value));
                    var (resolved, problem) = await ReadPlaceholderAsync(kind, value, file, hash, ct);
                    if (problem is not null)
                    {
                        var entity = TryRef(doc.Root!)?.ToString() ?? "entity";
                        problems.Add(new SourceProblem($"{entity} {childPath}: {problem}", doc.LineOf(childPath), null, childPath));
                    }
                    else
                    {
                        obj[key] = resolved;
                    }
                }
                else if (child is not null)
                {
                    problems.AddRange(await ResolvePlaceholdersAsync(child, childPath, file, doc, hash, ct));
                }
            }
        }
        return problems;
    }

    private async Task<(JsonNode? Value, string? Problem)> ReadPlaceholderAsync(string kind, string? reference, FetchedFile file, MemoryStream hash, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return (null, $"{kind} needs a relative path or URL string.");
        }
        var target = SourceFetcher.Resolve(file.Type, file.Location, reference);
        var type = SourceFetcher.TypeOf(target);
        if (type == "file" && file.Type == "file" && !IsBelow(target, Path.GetDirectoryName(file.Location)!))
        {
            return (null, $"{kind} '{reference}' points outside the folder of {file.Location}; only files beside or below it can be read.");
        }
        try
        {
            var text = (await fetcher.FetchAsync(type, target, ct))[0].Text;
            hash.Write(Encoding.UTF8.GetBytes(text));
            return kind switch
            {
                "$text" => (JsonValue.Create(text), null),
                "$json" => (JsonNode.Parse(text), null),
                _ => CatalogYamlReader.Read(text, options.Value.MaxFileBytes) is { Error: null, Documents.Count: > 0 } yaml
                    ? (yaml.Documents[0].Root, null)
                    : (null, $"$yaml '{reference}' is not valid YAML."),
            };
        }
        catch (SourceFetchException ex)
        {
            return (null, $"{kind} '{reference}': {ex.Message}");
        }
        catch (System.Text.Json.JsonException ex)
        {
            return (null, $"$json '{reference}' is not valid JSON: {ex.Message}");
        }
    }

    private static bool IsBelow(string path, string folder) =>
        Path.GetFullPath(path).StartsWith(Path.GetFullPath(folder).TrimEnd('/') + "/", StringComparison.Ordinal);

    private static EntityRef? TryRef(JsonNode root)
    {
        if (root is JsonObject { } obj && EntityValidator.AsString(obj["kind"]) is { } kind
            && obj["metadata"] is JsonObject metadata && EntityValidator.AsString(metadata["name"]) is { } name)
        {
            return new EntityRef(kind, EntityValidator.AsString(metadata["namespace"]) ?? EntityRef.DefaultNamespace, name);
        }
        return null;
    }
}
