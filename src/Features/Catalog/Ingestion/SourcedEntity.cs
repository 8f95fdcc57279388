using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Yaml;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

/// <summary>An entity read from a source file: valid (with <see cref="Entity"/>) or not (with <see cref="Problems"/>).</summary>
public sealed record SourcedEntity(string Source, int Line, EntityRef? Ref, JsonObject? Entity, IReadOnlyList<SourceProblem> Problems)
{
    public bool IsValid => Entity is not null && Problems.Count == 0;

    /// <summary>The Location entity whose target led here (for the root location's own files, its generated Location entity).</summary>
    public string? ParentRef { get; init; }

    /// <summary>The location's own generated Location entity (<see cref="GeneratedLocation"/>), not something its files hold.</summary>
    public bool IsGeneratedLocation { get; init; }
}

/// <summary>A problem with where it was found, as stored on a location.</summary>
public sealed record LocationProblem(string Source, string Message, int? Line = null, int? Column = null, string? Field = null)
{
    public override string ToString() => new SourceProblem(Message, Line, Column, Field).Describe(Source);
}

public sealed record LocationReadResult(IReadOnlyList<SourcedEntity> Entities, IReadOnlyList<LocationProblem> Problems, string ContentHash);
