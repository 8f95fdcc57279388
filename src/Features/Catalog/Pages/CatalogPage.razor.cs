using Fawkes.Portal.Features.Catalog.Browse;
using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Fawkes.Portal.Features.Catalog.Pages;

public partial class CatalogPage
{
    private static readonly Dictionary<string, string> SortFields = new()
    {
        ["Name"] = "metadata.name", ["Kind"] = "kind", ["Type"] = "spec.type", ["Owner"] = "spec.owner",
        ["System"] = "spec.system", ["Lifecycle"] = "spec.lifecycle",
    };

    /// <summary>What MudLink renders for a body2 link, so plain anchors look the same.</summary>
    private const string LinkClass = "mud-typography mud-link mud-primary-text mud-link-underline-hover mud-typography-body2";

    private MudDataGrid<EntityRow>? _grid;
    private CatalogListState _state = new();
    private IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> _facets = new Dictionary<string, IReadOnlyList<FacetValue>>();
    private string? _login;

    [Inject] private CatalogBrowser Browser { get; set; } = default!;
    [Inject] private CatalogChanges Changes { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IServiceProvider Services { get; set; } = default!;

    /// <summary>The live health column, when a feature registered one (else no toggle).</summary>
    private CatalogHealthColumn? HealthColumn => Services.GetService<CatalogHealthColumn>();
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _login = AuthState is null ? null : (await AuthState).User.FindFirst(PortalClaims.Login)?.Value;
        Changes.Changed += OnCatalogChanged;
        // The page has no parameters, so Blazor does not call OnParametersSet when only the query string changes.
        Navigation.LocationChanged += OnLocationChanged;
    }

    protected override Task OnParametersSetAsync() => LoadStateAsync();

    private void OnLocationChanged(object? sender, Microsoft.AspNetCore.Components.Routing.LocationChangedEventArgs e) =>
        _ = InvokeAsync(async () =>
        {
            await LoadStateAsync();
            StateHasChanged();
        });

    private async Task LoadStateAsync()
    {
        // The URL is the source of truth: filters, search and sort all come from it.
        _state = CatalogListState.FromUri(new Uri(Navigation.Uri));
        _facets = await Browser.FacetsAsync(_state, _login);
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private async Task<GridData<EntityRow>> LoadAsync(GridState<EntityRow> grid, CancellationToken ct)
    {
        var sort = grid.SortDefinitions.FirstOrDefault();
        var state = sort is null ? _state : _state with
        {
            Sort = SortFields.GetValueOrDefault(sort.SortBy, "metadata.name"),
            Descending = sort.Descending,
        };
        var page = await Browser.ListAsync(state, _login, grid.Page, grid.PageSize, ct);
        return new GridData<EntityRow> { Items = page.Rows, TotalItems = page.Total };
    }

    private Task OnSearchAsync(string? term) => NavigateAsync(_state with { Search = string.IsNullOrWhiteSpace(term) ? null : term.Trim() });

    private Task NavigateAsync(CatalogListState state)
    {
        Navigation.NavigateTo(state.ToRelativeUrl(), replace: true);
        return Task.CompletedTask;
    }

    private void OnCatalogChanged() => _ = InvokeAsync(async () =>
    {
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    });

    public void Dispose()
    {
        Changes.Changed -= OnCatalogChanged;
        Navigation.LocationChanged -= OnLocationChanged;
    }
}
