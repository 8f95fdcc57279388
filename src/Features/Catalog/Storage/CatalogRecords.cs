namespace Fawkes.Portal.Features.Catalog.Storage;

/// <summary>One catalog entity. <see cref="Json"/> is the entity as served (without relations, which are joined on read).</summary>
public sealed class EntityRecord
{
    public required string Id { get; set; }
    /// <summary>Lowercase <c>kind:namespace/name</c>, unique.</summary>
    public required string RefKey { get; set; }
    public required string Kind { get; set; }
    public required string Namespace { get; set; }
    public required string Name { get; set; }
    /// <summary>Lowercase kind, name, type and lifecycle: Backstage compares these case-insensitively, and indexes need one form.</summary>
    public string KindKey { get; set; } = "";
    public string NameKey { get; set; } = "";
    public string? TypeKey { get; set; }
    public string? LifecycleKey { get; set; }
    public string? Title { get; set; }
    public string? Type { get; set; }
    public string? Lifecycle { get; set; }
    public string? Owner { get; set; }
    public string? System { get; set; }
    /// <summary>Lowercase name, title, description and tags, for full-text search.</summary>
    public required string SearchText { get; set; }
    public required string Json { get; set; }
    public required string Etag { get; set; }
    /// <summary>Hash of the entity as read from its source, to skip unchanged entities.</summary>
    public required string SourceHash { get; set; }
    public Guid LocationId { get; set; }
    /// <summary>The Location entity that led to this entity (for ancestry); null when read from the root location.</summary>
    public string? ParentRef { get; set; }
    public bool Orphan { get; set; }
    /// <summary>Backstage <c>status.items</c> as JSON, when the latest read of the entity failed.</summary>
    public string? StatusJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Flattened entity field for filters and facets, as Backstage's search table.</summary>
public sealed class SearchRecord
{
    public long Id { get; set; }
    public required string EntityId { get; set; }
    public required string Key { get; set; }
    public string? Value { get; set; }
    public string? OriginalValue { get; set; }
}

/// <summary>A relation, stored from both ends; <see cref="OriginEntityId"/> is the entity whose spec stated it.</summary>
public sealed class RelationRecord
{
    public long Id { get; set; }
    public required string OriginEntityId { get; set; }
    public required string SourceKey { get; set; }
    public required string Type { get; set; }
    public required string TargetKey { get; set; }
    /// <summary>The target as written (original case) for display and the API's targetRef.</summary>
    public required string TargetRef { get; set; }
}

/// <summary>A registered location: where entities are read from.</summary>
public sealed class LocationRecord
{
    public Guid Id { get; set; }
    public required string Type { get; set; }
    public required string Target { get; set; }
    /// <summary>config, api, ui or demo: who registered it.</summary>
    public required string Origin { get; set; }
    public string? RegisteredBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public string? ContentHash { get; set; }
    /// <summary>Problems of the last read, as JSON <c>[{source,line,column,field,message}]</c>.</summary>
    public string? ErrorsJson { get; set; }
    public int EntityCount { get; set; }
}

public sealed class StarRecord
{
    public required string UserLogin { get; set; }
    public required string RefKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
