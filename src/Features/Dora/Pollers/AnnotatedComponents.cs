using Fawkes.Portal.Features.Catalog.Query;

namespace Fawkes.Portal.Features.Dora.Pollers;

/// <summary>A catalog component and the value of the annotation that ties it to an app or job.</summary>
public sealed record AnnotatedComponent(string Value, string Component);

internal static class AnnotatedComponents
{
    /// <summary>
    /// Components carrying the annotation, one per value. When several name the same value the first by ref wins,
    /// the same component the receivers' look-up (<c>limit 1</c>, ordered by ref) picks.
    /// </summary>
    public static async Task<IReadOnlyList<AnnotatedComponent>> ListAsync(CatalogQueries catalog, string annotation, CancellationToken ct)
    {
        var components = await catalog.ListAsync(EntityFilter.Parse([$"kind=component,metadata.annotations.{annotation}"]), null, 0, ct);
        return [.. components
            .Select(c => new AnnotatedComponent(
                DoraJson.S(c["metadata"]?["annotations"], annotation)?.Trim() ?? "",
                c["metadata"]!["name"]!.GetValue<string>()))
            .Where(a => a.Value.Length > 0)
            .DistinctBy(a => a.Value.ToLowerInvariant())];
    }
}
