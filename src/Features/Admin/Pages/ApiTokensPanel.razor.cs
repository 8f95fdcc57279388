using System.Security.Claims;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Features.Admin;
using Fawkes.Portal.Identity.ApiTokens;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Fawkes.Portal.Features.Admin.Pages;

public partial class ApiTokensPanel
{
    private IReadOnlyList<ApiToken>? _tokens;
    private CreatedApiToken? _created;

    [Inject] private ApiTokenService Tokens { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _tokens = await Tokens.ListAsync();

    private async Task<string> ActorAsync() => (await AuthState).User.FindFirstValue(PortalClaims.Login) ?? "unknown";

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateTokenDialog>("New API token", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: CreateTokenRequest request })
        {
            _created = await Tokens.CreateAsync(request.Name, request.Scopes, request.ExpiresInDays, await ActorAsync());
            _tokens = await Tokens.ListAsync();
            Snackbar.Add($"Token '{request.Name}' created.", Severity.Success);
        }
    }

    private async Task RevokeAsync(ApiToken token)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Revoke token?",
            $"Anything using '{token.Name}' ({token.Prefix}…) will get 401 from now on. This cannot be undone.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed == true && await Tokens.RevokeAsync(token.Id, await ActorAsync()))
        {
            _tokens = await Tokens.ListAsync();
            Snackbar.Add($"Token '{token.Name}' revoked.", Severity.Success);
        }
    }
}
