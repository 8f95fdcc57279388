namespace Fawkes.Portal.Features.Catalog.Browse;

/// <summary>
/// The optional "health" column of the catalog list: a component receiving the row as its <c>Row</c> parameter. The
/// catalog only offers the toggle; what the column shows (live status) belongs to the feature that registers it.
/// </summary>
public sealed record CatalogHealthColumn(string Title, Type Component);

public static class CatalogHealthColumnExtensions
{
    public static IServiceCollection AddCatalogHealthColumn<TComponent>(this IServiceCollection services, string title)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        services.AddSingleton(new CatalogHealthColumn(title, typeof(TComponent)));
}
