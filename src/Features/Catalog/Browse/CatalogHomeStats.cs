using Fawkes.Portal.App.Home;
using Fawkes.Portal.Features.Catalog.Query;
using MudBlazor;

namespace Fawkes.Portal.Features.Catalog.Browse;

/// <summary>The catalog's numbers on Home: components, APIs, systems and groups, each linking to the filtered list.</summary>
internal sealed class CatalogHomeStats(CatalogQueries queries) : IHomeStatProvider
{
    public async Task<IReadOnlyList<HomeStat>> GetStatsAsync(CancellationToken cancellationToken)
    {
        var kinds = (await queries.FacetsAsync(["kind"], EntityFilter.None, cancellationToken))["kind"]
            .ToDictionary(f => f.Value, f => f.Count, StringComparer.OrdinalIgnoreCase);
        HomeStat Stat(string kind, string label, string icon, int order) =>
            new(label, kinds.GetValueOrDefault(kind).ToString("N0", System.Globalization.CultureInfo.InvariantCulture), icon, $"/catalog?kind={kind}", order);
        return
        [
            Stat("Component", "Components", Icons.Material.Outlined.Widgets, 10),
            Stat("API", "APIs", Icons.Material.Outlined.Api, 11),
            Stat("System", "Systems", Icons.Material.Outlined.AccountTree, 12),
            Stat("Group", "Groups", Icons.Material.Outlined.Groups, 13),
        ];
    }
}
