using Microsoft.AspNetCore.Components;

namespace Fawkes.Portal.Features.Catalog.Entity;

/// <summary>A tab on the entity page. Features register tabs (Kubernetes, CI/CD, DORA …) with <c>AddEntityTab</c>.</summary>
public sealed record EntityTab(string Id, string Title, string Icon, Type Component, int Order, Func<EntityView, bool> AppliesTo);

/// <summary>Base for tab components: they receive the entity being shown.</summary>
public abstract class EntityTabBase : ComponentBase
{
    [Parameter, EditorRequired] public EntityView Entity { get; set; } = default!;
}

public sealed class EntityTabRegistry(IEnumerable<EntityTab> tabs)
{
    public IReadOnlyList<EntityTab> For(EntityView entity) => [.. tabs.Where(t => t.AppliesTo(entity)).OrderBy(t => t.Order)];
}

public static class EntityTabExtensions
{
    public static IServiceCollection AddEntityTab<TComponent>(this IServiceCollection services, string id, string title, string icon, int order, Func<EntityView, bool>? appliesTo = null)
        where TComponent : EntityTabBase =>
        services.AddSingleton(new EntityTab(id, title, icon, typeof(TComponent), order, appliesTo ?? (_ => true)));
}

/// <summary>
/// A strip shown above the tabs of the entity page, on every tab (the live overview). Features register banners with
/// <c>AddEntityBanner</c>; the catalog knows nothing of what they show.
/// </summary>
public sealed record EntityBanner(Type Component, int Order, Func<EntityView, bool> AppliesTo);

public sealed class EntityBannerRegistry(IEnumerable<EntityBanner> banners)
{
    public IReadOnlyList<EntityBanner> For(EntityView entity) => [.. banners.Where(b => b.AppliesTo(entity)).OrderBy(b => b.Order)];
}

public static class EntityBannerExtensions
{
    /// <param name="appliesTo">Which entities show it; the component receives the entity as its <c>Entity</c> parameter.</param>
    public static IServiceCollection AddEntityBanner<TComponent>(this IServiceCollection services, int order, Func<EntityView, bool> appliesTo)
        where TComponent : EntityTabBase =>
        services.AddSingleton(new EntityBanner(typeof(TComponent), order, appliesTo));
}
