using System.Diagnostics.Metrics;
using Fawkes.Portal.Features.Dora.Events;
using Fawkes.Portal.Operations;

namespace Fawkes.Portal.Features.Dora;

/// <summary>
/// Per-service DORA gauges on <c>/metrics</c> (last 30 days), for Prometheus and Grafana. A snapshot is refreshed every
/// minute in the background, so a scrape never runs the calculator.
/// </summary>
internal sealed class DoraGauges : BackgroundService
{
    private readonly DoraService _dora;
    private readonly DoraEventStore _events;
    private readonly TimeProvider _time;
    private readonly ILogger<DoraGauges> _logger;
    private readonly ChangeSignal _changed = new();
    private volatile IReadOnlyList<(string Service, Calculation.DoraSummary Summary)> _snapshot = [];

    public DoraGauges(IMeterFactory meters, DoraService dora, DoraEventStore events, TimeProvider time, ILogger<DoraGauges> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        (_dora, _events, _time, _logger) = (dora, events, time, logger);
        // New events refresh the gauges at once (at most one pending signal); otherwise every minute.
        events.Changed += _changed.Set;
        var meter = meters.Create(OperationsExtensions.MeterName);
        meter.CreateObservableGauge("fawkes_dora_deployments_per_week", () => Measure(s => s.Totals.Deployments / (30 / 7.0)), description: "Counted production deployments per week, last 30 days");
        meter.CreateObservableGauge("fawkes_dora_lead_time_minutes", () => Measure(s => s.Totals.LeadTime.Median), unit: "min", description: "Median lead time for changes, last 30 days");
        meter.CreateObservableGauge("fawkes_dora_change_failure_rate", () => Measure(s => s.Totals.ChangeFailureRate), description: "Change failure rate (fraction), last 30 days");
        meter.CreateObservableGauge("fawkes_dora_recovery_time_minutes", () => Measure(s => s.Totals.Fdrt.Median), unit: "min", description: "Median failed deployment recovery time, last 30 days");
        meter.CreateObservableGauge("fawkes_dora_rework_rate", () => Measure(s => s.Totals.ReworkRate), description: "Rework rate (fraction), last 30 days");
    }

    public override void Dispose()
    {
        _events.Changed -= _changed.Set; // the store outlives this service on shutdown
        _changed.Dispose();
        base.Dispose();
    }

    private IEnumerable<Measurement<double>> Measure(Func<Calculation.DoraSummary, double?> value) =>
        _snapshot.Where(s => value(s.Summary) is not null)
            .Select(s => new Measurement<double>(value(s.Summary)!.Value, new KeyValuePair<string, object?>("service", s.Service)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var to = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
                var snapshot = new List<(string, Calculation.DoraSummary)>();
                foreach (var service in await _events.ServicesAsync(stoppingToken))
                {
                    snapshot.Add((service, await _dora.SummaryAsync(new DoraScope(service), to.AddDays(-29), to, stoppingToken)));
                }
                _snapshot = snapshot;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Refreshing the DORA gauges failed; the previous values stay");
            }
            await _changed.WaitAsync(TimeSpan.FromMinutes(1), stoppingToken);
        }
    }
}
