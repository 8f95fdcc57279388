using Fawkes.Portal.App.Theme;
using Fawkes.Portal.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Fawkes.Portal.App.Layout;

public partial class MainLayout
{
    private readonly MudTheme _theme = PortalTheme.Create();
    private MudThemeProvider? _themeProvider;
    private ErrorBoundary? _errorBoundary;
    private bool _drawerOpen = true;
    private bool _isDarkMode;
    private string _preference = ThemePreferences.System;
    private string? _login;

    private bool _settled;

    [Inject] private ThemePreferences Preferences { get; set; } = default!;
    [Inject] private IBrowserViewportService Viewport { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private string ThemeToggleLabel => _isDarkMode ? "Switch to light theme" : "Switch to dark theme";

    protected override async Task OnInitializedAsync()
    {
        if (AuthState is not null)
        {
            _login = (await AuthState).User.FindFirst(PortalClaims.Login)?.Value;
        }
        if (_login is not null)
        {
            _preference = await Preferences.GetAsync(_login);
            _isDarkMode = _preference == ThemePreferences.Dark;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }
        // "system" can only be resolved in the browser, once the circuit is up.
        if (_preference == ThemePreferences.System && _themeProvider is not null)
        {
            _isDarkMode = await _themeProvider.GetSystemDarkModeAsync();
        }
        // Start with the drawer closed on small screens, so the first tap on the menu opens it.
        if (await Viewport.GetCurrentBreakpointAsync() < Breakpoint.Md)
        {
            _drawerOpen = false;
        }
        _settled = true;
        StateHasChanged();
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleThemeAsync()
    {
        _isDarkMode = !_isDarkMode;
        _preference = _isDarkMode ? ThemePreferences.Dark : ThemePreferences.Light;
        if (_login is not null)
        {
            await Preferences.SetAsync(_login, _preference);
        }
    }
}
