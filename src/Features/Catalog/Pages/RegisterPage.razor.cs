using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Permissions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Fawkes.Portal.Features.Catalog.Pages;

public partial class RegisterPage
{
    private string? _target;
    private bool _busy;
    private string? _refused;
    private RegistrationResult? _preview;
    private IReadOnlyList<SourcedEntity>? _registered;

    [Inject] private LocationService Locations { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private PermissionService Permissions { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    // The location's generated Location entity is always valid; registering needs at least one entity of the file's own.
    private int ValidCount => _preview?.Entities.Count(e => e.IsValid && !e.IsGeneratedLocation) ?? 0;

    private string Type => SourceFetcher.TypeOf(_target!.Trim());

    private async Task AnalyzeAsync()
    {
        await RunAsync(async () =>
        {
            _registered = null;
            var result = await Locations.RegisterAsync(Type, _target!.Trim(), "ui", await ActorAsync(), dryRun: true, CancellationToken.None);
            _refused = result.Refused;
            _preview = result.Refused is null ? result : null;
        });
    }

    private async Task RegisterAsync()
    {
        await RunAsync(async () =>
        {
            // The page needs the same permission; asked again because a role can be lowered while the page is open.
            if (Permissions.Decide((await AuthState).User, PortalAction.CatalogRegister) is { Allowed: false } refused)
            {
                _refused = refused.Message;
                return;
            }
            var result = await Locations.RegisterAsync(Type, _target!.Trim(), "ui", await ActorAsync(), dryRun: false, CancellationToken.None);
            _refused = result.Refused;
            if (result.Refused is null)
            {
                _registered = result.Entities;
                Snackbar.Add($"Registered {result.Entities.Count(e => e.IsValid && !e.IsGeneratedLocation)} entities from {_target}.", Severity.Success);
            }
        });
    }

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        try
        {
            await action();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task<string> ActorAsync() => (await AuthState).User.FindFirst(PortalClaims.Login)?.Value ?? "unknown";
}
