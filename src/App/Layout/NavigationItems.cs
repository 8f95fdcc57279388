using MudBlazor;

namespace Fawkes.Portal.App.Layout;

public sealed record NavigationItem(string Title, string Href, string Icon, string Description);

/// <summary>The portal's areas, shared by the drawer and the Home page cards.</summary>
public static class NavigationItems
{
    public static readonly IReadOnlyList<NavigationItem> Main =
    [
        new("Home", "/", Icons.Material.Outlined.Home, "Your starting point."),
        new("Catalog", "/catalog", Icons.Material.Outlined.Category,
            "Every service, API, system and team, with owners, dependencies and live state."),
        new("Create", "/create", Icons.Material.Outlined.AddCircleOutline,
            "Start a new service from a golden-path template, wired for CI/CD from day one."),
        new("DORA", "/dora", Icons.Material.Outlined.Insights,
            "Deployment frequency, lead time, change failure rate and recovery time."),
        new("Dojo", "/dojo", Icons.Material.Outlined.School,
            "Belt-based platform-engineering lessons, quizzes and hands-on labs."),
    ];

    public static IEnumerable<NavigationItem> Areas => Main.Skip(1);
}
