using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Dora.Calculation;
using Fawkes.Portal.Features.Dora.Events;
using Microsoft.AspNetCore.Components;

namespace Fawkes.Portal.Features.Dora.Pages;

public partial class DoraPage
{
    private DoraSummary? _summary;
    private DoraSummary? _previous;
    private IReadOnlyList<DoraRow> _rows = [];
    private IReadOnlyList<DeploymentDrillDown> _deployments = [];
    private LeadTimeBreakdown? _breakdown;
    private IReadOnlyList<string> _teams = [];
    private IReadOnlyList<string> _services = [];
    private IReadOnlyList<(string Team, DoraSummary Summary)> _teamSummaries = [];

    [Inject] private DoraService Dora { get; set; } = default!;
    [Inject] private DoraEventStore Events { get; set; } = default!;
    [Inject] private CatalogQueries Catalog { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "days")] public int? DaysParameter { get; set; }
    [SupplyParameterFromQuery(Name = "team")] public string? Team { get; set; }
    [SupplyParameterFromQuery(Name = "service")] public string? Service { get; set; }
    [SupplyParameterFromQuery(Name = "show")] public string? Show { get; set; }

    private int Days => DaysParameter is 30 or 90 or 180 ? DaysParameter.Value : 90;

    private DateOnly To => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);

    private DateOnly From => To.AddDays(-(Days - 1));

    private DoraScope Scope => new(Service, Service is null ? Team : null);

    private string CsvHref => $"/api/dora/metrics?format=csv&bucket=week&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}"
        + (Service is not null ? $"&service={Uri.EscapeDataString(Service)}" : Team is not null ? $"&team={Uri.EscapeDataString(Team)}" : "");

    protected override async Task OnInitializedAsync()
    {
        _services = await Events.ServicesAsync(CancellationToken.None);
        var groups = await Catalog.ListAsync(EntityFilter.Parse(["kind=group,spec.type=team"]), null, 0);
        _teams = [.. groups.Select(g => g["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal)];
    }

    protected override async Task OnParametersSetAsync()
    {
        _summary = null;
        var scope = Scope;
        _summary = await Dora.SummaryAsync(scope, From, To, CancellationToken.None);
        _previous = await Dora.SummaryAsync(scope, From.AddDays(-Days), From.AddDays(-1), CancellationToken.None);
        _rows = await Dora.MetricsAsync(scope, From, To, Bucket.Week, CancellationToken.None);
        _breakdown = await Dora.LeadTimeBreakdownAsync(scope, From, To, CancellationToken.None);
        _deployments = await Dora.DeploymentsAsync(scope, From, To, CancellationToken.None);
        // The organisation view compares teams; a team or service view does not need to.
        var teams = new List<(string, DoraSummary)>();
        if (scope.IsOrganisation)
        {
            foreach (var team in _teams)
            {
                var summary = await Dora.SummaryAsync(new DoraScope(Team: team), From, To, CancellationToken.None);
                if (summary.Totals.Deployments + summary.Totals.FailedDeployments > 0)
                {
                    teams.Add((team, summary));
                }
            }
        }
        _teamSummaries = teams;
    }

    /// <summary>The deployments a tile's number is made of.</summary>
    private IReadOnlyList<DeploymentDrillDown> ShownDeployments => Show switch
    {
        "incidents" => [.. _deployments.Where(d => d.Incidents.Count > 0)],
        "changes" => [.. _deployments.Where(d => d.PullRequests.Count > 0)],
        _ => _deployments,
    };

    private string DrillHref(string show) =>
        Navigation.GetUriWithQueryParameter("show", show == "all" ? null : show) + "#deployments";

    private void Navigate(int days, string? team, string? service) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["days"] = days, ["team"] = team, ["service"] = service,
        }));
}
