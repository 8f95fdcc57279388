using Fawkes.Portal.Features.Catalog.Browse;
using Fawkes.Portal.Features.Catalog.Entity;
using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Catalog.Permissions;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Permissions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Fawkes.Portal.Features.Catalog.Pages;

public partial class EntityPage : IDisposable
{
    private EntityView? _entity;
    private IReadOnlyList<EntityTab> _tabs = [];
    private IReadOnlyList<EntityBanner> _banners = [];
    private bool _loading = true;
    private bool _starred;
    private bool _canUnregister;
    private int _tabIndex;
    private bool _reload;
    private string? _login;

    [Parameter] public string Namespace { get; set; } = "";
    [Parameter] public string Kind { get; set; } = "";
    [Parameter] public string Name { get; set; } = "";
    [SupplyParameterFromQuery(Name = "tab")] public string? Tab { get; set; }

    [Inject] private CatalogQueries Queries { get; set; } = default!;
    [Inject] private EntityTabRegistry TabRegistry { get; set; } = default!;
    [Inject] private EntityBannerRegistry BannerRegistry { get; set; } = default!;
    [Inject] private StarService Stars { get; set; } = default!;
    [Inject] private LocationService Locations { get; set; } = default!;
    [Inject] private PermissionService Permissions { get; set; } = default!;
    [Inject] private CatalogOwnership Ownership { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }
    [Inject] private CatalogChanges Changes { get; set; } = default!;

    protected override void OnInitialized() => Changes.Changed += OnCatalogChanged;

    /// <summary>An entity registered (or refreshed) while its page is open shows up without a reload.</summary>
    private void OnCatalogChanged() => _ = InvokeAsync(async () =>
    {
        _reload = true;
        await OnParametersSetAsync();
        StateHasChanged();
    });

    public void Dispose() => Changes.Changed -= OnCatalogChanged;

    protected override async Task OnParametersSetAsync()
    {
        var user = AuthState is null ? null : (await AuthState).User;
        _login = user?.FindFirst(PortalClaims.Login)?.Value;
        var entityRef = new EntityRef(Kind, Namespace, Name);
        if (_entity is null || !_entity.Ref.Equals(entityRef) || _reload)
        {
            // A background reload (catalog changed) keeps showing the current version instead of a skeleton.
            _loading = _entity is null || !_entity.Ref.Equals(entityRef);
            _reload = false;
            var json = await Queries.ByRefAsync(entityRef);
            if (json is null)
            {
                _entity = null;
            }
            else
            {
                var targets = (json["relations"]?.AsArray() ?? []).Select(r => EntityRef.Parse(r!["targetRef"]!.GetValue<string>()).Key);
                _entity = new EntityView(json, await Queries.ExistingKeysAsync(targets));
                _tabs = TabRegistry.For(_entity);
                _banners = BannerRegistry.For(_entity);
                _starred = _login is not null && await Stars.IsStarredAsync(_login, entityRef);
                _canUnregister = await MayUnregisterAsync(await OriginLocationAsync());
            }
            _loading = false;
        }
        _tabIndex = Math.Max(0, _tabs.ToList().FindIndex(t => t.Id == Tab));
    }

    private void SelectTab(int index)
    {
        _tabIndex = index;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("tab", _tabs[index].Id), replace: true);
    }

    private async Task ToggleStarAsync()
    {
        if (_login is null || _entity is null)
        {
            return;
        }
        _starred = await Stars.ToggleAsync(_login, _entity.Ref);
        Snackbar.Add(_starred ? $"Starred {_entity.Title}." : $"Removed {_entity.Title} from your stars.", Severity.Info);
    }

    private async Task<LocationView?> OriginLocationAsync()
    {
        var origin = _entity?.Annotation(CatalogAnnotations.ManagedByOriginLocation);
        return origin is null ? null : (await Locations.ListAsync(CancellationToken.None)).FirstOrDefault(l => $"{l.Type}:{l.Target}" == origin);
    }

    /// <summary>Unregistering removes the entity's whole location, so the location's rule applies (every entity in it counts).</summary>
    private async Task<bool> MayUnregisterAsync(LocationView? location) =>
        location is not null && (await DecideUnregisterAsync(location)).Allowed;

    private async Task<PermissionDecision> DecideUnregisterAsync(LocationView location) =>
        await Permissions.DecideAsync(AuthState is null ? null : (await AuthState).User, PortalAction.CatalogUnregister,
            await Ownership.OfLocationAsync(location.Id, CancellationToken.None));

    private async Task UnregisterAsync()
    {
        var location = await OriginLocationAsync();
        if (location is null)
        {
            Snackbar.Add("This entity has no registered location to remove.", Severity.Warning);
            return;
        }
        // The button is hidden when not allowed; the handler asks again (the page may be stale, roles may have changed).
        var decision = await DecideUnregisterAsync(location);
        if (!decision.Allowed)
        {
            Snackbar.Add(decision.Message, Severity.Error);
            return;
        }
        var confirmed = await Dialogs.ShowMessageBoxAsync("Unregister location?",
            $"This removes the location {location.Target} and all {location.EntityCount} entities it provides from the catalog. The files themselves are not touched.",
            yesText: "Unregister", cancelText: "Cancel");
        if (confirmed == true && await Locations.UnregisterAsync(location.Id, _login ?? "unknown", CancellationToken.None))
        {
            Snackbar.Add($"Unregistered {location.Target}.", Severity.Success);
            Navigation.NavigateTo("/catalog");
        }
    }
}
