using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Dora.Calculation;
using Fawkes.Portal.Features.Dora.Events;
using Fawkes.Portal.App.Shared;
using Fawkes.Portal.Data.Changes;
using Microsoft.AspNetCore.Components;

namespace Fawkes.Portal.Features.Dora.Pages;

public partial class DoraPage : IDisposable
{
    private ChangeSubscription? _changes;
    private bool _quietReload;
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
    [Inject] private ChangeFeed Feed { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "days")] public int? DaysParameter { get; set; }
    [SupplyParameterFromQuery(Name = "team")] public string? Team { get; set; }
    [SupplyParameterFromQuery(Name = "service")] public string? Service { get; set; }
    [SupplyParameterFromQuery(Name = "show")] public string? Show { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? FromParameter { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? ToParameter { get; set; }
    [SupplyParameterFromQuery(Name = "week")] public string? Week { get; set; }
    [SupplyParameterFromQuery(Name = "environment")] public string? Environment { get; set; }
    [SupplyParameterFromQuery(Name = "bucket")] public string? BucketParameter { get; set; }

    private Bucket TrendBucket => BucketParameter == "month" ? Bucket.Month : Bucket.Week;

    private IReadOnlyList<string> _environments = ["production"];

    private DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);

    /// <summary>A custom window from the URL when valid (from ≤ to, at most two years), else null.</summary>
    private (DateOnly From, DateOnly To)? Custom =>
        DateOnly.TryParseExact(FromParameter, "yyyy-MM-dd", out var from) && DateOnly.TryParseExact(ToParameter, "yyyy-MM-dd", out var to)
            && from <= to && to.DayNumber - from.DayNumber < 731 ? (from, to) : null;

    /// <summary>30, 90 or 180 for the presets; 0 for a custom window.</summary>
    private int Preset => Custom is not null ? 0 : DaysParameter is 30 or 90 or 180 ? DaysParameter.Value : 90;

    private DateOnly To => Custom?.To ?? Today;

    private DateOnly From => Custom?.From ?? To.AddDays(-(Preset - 1));

    private int Days => To.DayNumber - From.DayNumber + 1;

    private DoraScope Scope => new(Service, Service is null ? Team : null, Environment: Environment);

    private string MeasuredEnvironment => Scope.MeasuredEnvironment;

    private string CsvHref => $"/api/dora/metrics?format=csv&bucket={(TrendBucket == Bucket.Month ? "month" : "week")}&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}"
        + (Service is not null ? $"&service={Uri.EscapeDataString(Service)}" : Team is not null ? $"&team={Uri.EscapeDataString(Team)}" : "")
        + (MeasuredEnvironment != "production" ? $"&environment={Uri.EscapeDataString(MeasuredEnvironment)}" : "");

    protected override async Task OnInitializedAsync()
    {
        // Events sent to any replica show on this open page without a reload (kept on screen while it recomputes).
        _changes = new ChangeSubscription(Feed, ChangeNotice.Dora, () => InvokeAsync(async () =>
        {
            _quietReload = true;
            try
            {
                await OnParametersSetAsync();
            }
            finally
            {
                _quietReload = false;
            }
            StateHasChanged();
        }));
        _services = await Events.ServicesAsync(CancellationToken.None);
        var groups = await Catalog.ListAsync(EntityFilter.Parse(["kind=group,spec.type=team"]), null, 0);
        _teams = [.. groups.Select(g => g["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal)];
    }

    public void Dispose() => _changes?.Dispose();

    protected override async Task OnParametersSetAsync()
    {
        if (!_quietReload)
        {
            _summary = null;
        }
        var scope = Scope;
        _environments = await Dora.EnvironmentsAsync(scope, CancellationToken.None);
        _summary = await Dora.SummaryAsync(scope, From, To, CancellationToken.None);
        _previous = await Dora.SummaryAsync(scope, From.AddDays(-Days), From.AddDays(-1), CancellationToken.None);
        _rows = await Dora.MetricsAsync(scope, From, To, TrendBucket, CancellationToken.None);
        _breakdown = await Dora.LeadTimeBreakdownAsync(scope, From, To, CancellationToken.None);
        // A period filter (URL `week`, also for months) is a narrower window: only that period's deployments are built.
        var (listFrom, listTo) = PeriodWindow ?? (From, To);
        _deployments = await Dora.DeploymentsAsync(scope, listFrom, listTo, CancellationToken.None);
        // The organisation view compares teams; a team or service view does not need to.
        var teams = new List<(string, DoraSummary)>();
        if (scope.IsOrganisation)
        {
            foreach (var team in _teams)
            {
                var summary = await Dora.SummaryAsync(new DoraScope(Team: team, Environment: Environment), From, To, CancellationToken.None);
                if (summary.Totals.Deployments + summary.Totals.FailedDeployments > 0)
                {
                    teams.Add((team, summary));
                }
            }
        }
        _teamSummaries = teams;
    }

    /// <summary>The deployments a tile's number is made of.</summary>
    private IReadOnlyList<DeploymentDrillDown> ShownDeployments => [.. Show switch
    {
        "incidents" => _deployments.Where(d => d.Incidents.Count > 0),
        "changes" => _deployments.Where(d => d.PullRequests.Count > 0),
        _ => _deployments,
    }];

    /// <summary>The selected period (a week's Monday, or a month <c>yyyy-MM</c>) clipped to the window, if the URL names one.</summary>
    private (DateOnly From, DateOnly To)? PeriodWindow
    {
        get
        {
            (DateOnly First, DateOnly Last)? period =
                DateOnly.TryParseExact(Week, "yyyy-MM-dd", out var monday) ? (monday, monday.AddDays(6))
                : DateOnly.TryParseExact(Week + "-01", "yyyy-MM-dd", out var first) ? (first, first.AddMonths(1).AddDays(-1))
                : null;
            return period is var (a, b) && b >= From && a <= To ? (a < From ? From : a, b > To ? To : b) : null;
        }
    }

    private void ChangeBucket(string bucket) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["bucket"] = bucket == "month" ? "month" : null, ["week"] = null, ["show"] = null,
        }));

    private string DrillHref(string show) =>
        Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["show"] = show == "all" ? null : show, ["week"] = null }) + "#deployments";

    private string PeriodHref(string week) => Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["week"] = week, ["show"] = null }) + "#deployments";

    /// <summary>A chart click: Plotly reads month labels as dates and reports the 1st ("2024-01-01"), so months are cut back.</summary>
    private void ShowPeriod(string period) =>
        Navigation.NavigateTo(PeriodHref(TrendBucket == Bucket.Month && period.Length >= 7 ? period[..7] : period));

    private void ChangeEnvironment(string environment) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["environment"] = environment == "production" ? null : environment, ["week"] = null, ["show"] = null,
        }));

    private void Navigate(string? team, string? service) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["days"] = DaysParameter, ["team"] = team, ["service"] = service, ["from"] = FromParameter, ["to"] = ToParameter, ["week"] = null, ["show"] = null,
        }));

    private void ChangeWindow(int preset) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["days"] = preset == 0 ? null : preset,
            ["from"] = preset == 0 ? From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
            ["to"] = preset == 0 ? To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
            ["week"] = null, ["show"] = null,
        }));

    private void ChangeRange(MudBlazor.DateRange? range)
    {
        if (range?.Start is { } start && range.End is { } end)
        {
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
            {
                ["days"] = null,
                ["from"] = DateOnly.FromDateTime(start).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["to"] = DateOnly.FromDateTime(end).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["week"] = null, ["show"] = null,
            }));
        }
    }
}
