using System.Collections.Concurrent;
using Fawkes.Portal.Integrations.Kubernetes.Problems;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Fawkes.Portal.Features.Live.Overview;

public partial class LiveStrip : IDisposable
{
    /// <summary>As often as the tabs: answers come from the shared caches, so this adds no upstream load.</summary>
    internal static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _disposed = new();
    private readonly ConcurrentDictionary<string, SummaryItem> _items = new(StringComparer.Ordinal);
    private IReadOnlyList<SummarySource> _sources = [];

    [Inject] private LiveOverview Overview { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<LiveStrip> Logger { get; set; } = default!;

    private int ProblemCount => _items.Values.Sum(i => i.Problems.Count);

    private bool Complete => _sources.All(s => _items.ContainsKey(s.Tab));

    private string ProblemsTone => _items.Values.SelectMany(i => i.Problems).ToList() switch
    {
        var p when p.Contains(ProblemSeverity.Error) => SummaryTone.Error,
        var p when p.Count > 0 => SummaryTone.Warning,
        _ => Complete ? SummaryTone.Ok : SummaryTone.Unknown,
    };

    private string ProblemsText => ProblemCount switch
    {
        0 when !Complete => "checking for problems…",
        0 => "no open problems",
        1 => "1 open problem" + (Complete ? "" : "…"),
        var n => $"{n} open problems" + (Complete ? "" : "…"),
    };

    /// <summary>The tab of the system with the most severe problems, else the first.</summary>
    private string ProblemsTab => _sources.Select(s => _items.GetValueOrDefault(s.Tab)).OfType<SummaryItem>()
        .OrderByDescending(i => i.Problems.Contains(ProblemSeverity.Error) ? 2 : i.Problems.Count > 0 ? 1 : 0).FirstOrDefault()?.Tab ?? _sources[0].Tab;

    protected override void OnParametersSet() => _sources = Overview.SourcesFor(Entity.Annotation);

    protected override void OnAfterRender(bool firstRender)
    {
        // Only once interactive: prerendering shows the skeletons, and no upstream answer ever holds the page.
        if (firstRender && RendererInfo.IsInteractive)
        {
            LoadAll();
            _ = RefreshLoopAsync();
        }
    }

    /// <summary>Each source on its own: a slow system fills its item later and never delays another.</summary>
    private void LoadAll()
    {
        foreach (var source in _sources)
        {
            _ = LoadAsync(source);
        }
    }

    private async Task LoadAsync(SummarySource source)
    {
        try
        {
            _items[source.Tab] = await source.LoadAsync(_disposed.Token);
            await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The page was left while loading.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Logger.LogWarning(ex, "Overview strip: {System} of {Entity} failed", source.System, Entity.Ref);
            _items[source.Tab] = new SummaryItem(source.Tab, source.System, "failed", SummaryTone.Unknown, "The portal could not read it; the error is logged.", []);
            await InvokeAsync(StateHasChanged);
        }
    }

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(RefreshEvery, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_disposed.Token))
            {
                LoadAll();
            }
        }
        catch (OperationCanceledException)
        {
            // The page was left.
        }
    }

    private string Link(string tab) => Navigation.GetUriWithQueryParameter("tab", tab);

    internal static Color ColorOf(string tone) => tone switch
    {
        SummaryTone.Ok => Color.Success,
        SummaryTone.Warning => Color.Warning,
        SummaryTone.Error => Color.Error,
        _ => Color.Default,
    };

    private static string IconOf(string tone) => tone switch
    {
        SummaryTone.Ok => Icons.Material.Outlined.CheckCircle,
        SummaryTone.Warning => Icons.Material.Outlined.Warning,
        SummaryTone.Error => Icons.Material.Outlined.Error,
        _ => Icons.Material.Outlined.HelpOutline,
    };

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
