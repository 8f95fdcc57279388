using Fawkes.Portal.App.Home;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Fawkes.Portal.App.Pages;

public partial class Home
{
    private IReadOnlyList<HomeStat>? _stats;
    private string Greeting { get; set; } = "Welcome";

    [Inject] private HomeSummary Summary { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthState is not null)
        {
            var name = (await AuthState).User.Identity?.Name;
            Greeting = string.IsNullOrWhiteSpace(name) ? "Welcome" : $"Welcome, {name.Split(' ')[0]}";
        }
        _stats = await Summary.GetStatsAsync();
    }
}
