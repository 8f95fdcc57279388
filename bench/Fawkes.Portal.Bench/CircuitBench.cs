using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Fawkes.Portal.Bench;

/// <summary>
/// Many concurrent Blazor Server circuits: N pages of one headless Chromium (one signed-in context) on Home, then moved
/// inside their circuits to the catalog list and the DORA page. For each N: the portal's memory per idle circuit on each
/// page, and the time from a Kind facet click to the re-rendered grid on a sample of the open catalog pages.
/// Levels are cumulative (50 → 100 → 200 keeps the first pages open), so the run stays short.
/// </summary>
internal static class CircuitBench
{
    private const int OpenInParallel = 4;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(Args options, string folder, string root)
    {
        var levels = options.Circuits.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => int.Parse(l, CultureInfo.InvariantCulture)).Order().ToArray();
        var clicks = Math.Max(10, options.Iterations);
        using var app = PortalProcess.Start(options, root, folder);
        using var api = new HttpClient { BaseAddress = app.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new("Bearer", PortalProcess.Token);
        await Wait.UntilAsync(async () => (await api.GetAsync("/readyz")).IsSuccessStatusCode, TimeSpan.FromSeconds(120));
        // The generated catalog, the demo catalog and the demo DORA history all load in the background after start.
        await Wait.UntilAsync(async () =>
            (await api.GetAsync("/api/catalog/entities/by-name/component/default/component-0")).IsSuccessStatusCode
            && (await api.GetAsync("/api/catalog/entities/by-name/component/default/payments-api")).IsSuccessStatusCode
            && !(await api.GetStringAsync("/api/dora/summary?service=payments-api")).Contains("\"deployments\":0,", StringComparison.Ordinal),
            TimeSpan.FromMinutes(3));
        var memory = new MemorySampler(app.Id, api, folder);
        Console.WriteLine($"portal ready (pid {app.Id}); levels {string.Join(", ", levels)}; heap dumps {(memory.ForcesGc ? "on" : "off (set FAWKES_GCDUMP)")}");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Idle pages of one site can share renderers; 200 renderer processes would cost the machine ~10 GB.
            Args = ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--renderer-process-limit=16"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString().TrimEnd('/'), ViewportSize = new() { Width = 1366, Height = 900 } });
        context.SetDefaultTimeout(60_000);

        // One circuit: sign in (the cookie is shared by every page of the context), warm the JIT on all three pages,
        // then the baseline interaction with nothing else open.
        var first = await context.NewPageAsync();
        await first.SignInAsync("priya.raman", "Developer");
        foreach (var path in new[] { CircuitPages.Home, CircuitPages.Catalog, CircuitPages.Dora, CircuitPages.Catalog })
        {
            await first.NavigateAsync(path);
        }
        await ClicksAsync([first], 40);
        var single = await ClicksAsync([first], clicks);
        await CloseAsync(first);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var baseline = await memory.SampleAsync("none", 0);
        Console.WriteLine($"baseline: RSS {baseline.RssMb:F0} MB, live heap {baseline.LiveHeapMb:F1} MB; 1 circuit: click → rows p50 {single.P50:F0} ms, p95 {single.P95:F0} ms");

        var pages = new List<IPage>();
        var results = new List<CircuitLevel>();
        foreach (var level in levels)
        {
            var clock = Stopwatch.StartNew();
            await OpenAsync(context, pages, level);
            var opened = clock.Elapsed;
            var home = await IdleSampleAsync(memory, CircuitPages.Home, level);
            await NavigateAllAsync(pages, CircuitPages.Catalog);
            var catalog = await IdleSampleAsync(memory, CircuitPages.Catalog, level);
            var interaction = await ClicksAsync(pages, clicks);
            var burst = await BurstAsync(pages, Math.Min(10, pages.Count));
            await NavigateAllAsync(pages, CircuitPages.Dora);
            var dora = await IdleSampleAsync(memory, CircuitPages.Dora, level);
            await NavigateAllAsync(pages, CircuitPages.Home);
            var result = new CircuitLevel(level, opened, [home, catalog, dora], interaction, burst);
            results.Add(result);
            Console.WriteLine(CircuitReport.Line(baseline, result) + $" (level took {clock.Elapsed.TotalSeconds:F0} s)");
        }

        var report = CircuitReport.Markdown(options, baseline, single, results, memory.ForcesGc);
        Console.WriteLine(report);
        Directory.CreateDirectory("bench/results");
        var file = $"bench/results/circuits-{string.Join('-', levels)}-{DateTime.UtcNow:yyyyMMddHHmm}.md";
        await File.WriteAllTextAsync(file, report);
        Console.WriteLine($"Written to {file}");
        await context.CloseAsync();
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private static async Task OpenAsync(IBrowserContext context, List<IPage> pages, int target)
    {
        using var gate = new SemaphoreSlim(OpenInParallel);
        var added = await Task.WhenAll(Enumerable.Range(0, target - pages.Count).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var page = await context.NewPageAsync();
                await page.OpenAsync(CircuitPages.Home);
                return page;
            }
            finally
            {
                gate.Release();
            }
        }));
        pages.AddRange(added);
    }

    private static async Task NavigateAllAsync(List<IPage> pages, string path)
    {
        using var gate = new SemaphoreSlim(OpenInParallel);
        await Task.WhenAll(pages.Select(async page =>
        {
            await gate.WaitAsync();
            try
            {
                await page.NavigateAsync(path);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private static async Task<MemorySample> IdleSampleAsync(MemorySampler memory, string path, int circuits)
    {
        await Task.Delay(Idle);
        return await memory.SampleAsync(path, circuits);
    }

    /// <summary>One user at a time clicks while every other circuit stays open: tick, then untick, on a spread of pages.</summary>
    private static async Task<Percentiles> ClicksAsync(IReadOnlyList<IPage> pages, int clicks)
    {
        var times = new List<double>(clicks);
        for (var i = 0; i < clicks; i++)
        {
            var page = pages[(i / 2 * 7) % pages.Count];
            times.Add(await page.ToggleComponentFacetAsync());
        }
        return Percentiles.Of(times);
    }

    /// <summary>Several users click at the same moment (each ticks and unticks), with the other circuits open.</summary>
    private static async Task<Percentiles> BurstAsync(IReadOnlyList<IPage> pages, int users)
    {
        var times = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            var chosen = Enumerable.Range(0, users).Select(u => pages[(u * pages.Count / users + round) % pages.Count]).ToList();
            foreach (var batch in await Task.WhenAll(chosen.Select(async p => new[] { await p.ToggleComponentFacetAsync(), await p.ToggleComponentFacetAsync() })))
            {
                times.AddRange(batch);
            }
        }
        return Percentiles.Of(times);
    }

    /// <summary>Leaving the page sends Blazor's disconnect beacon, so the circuit ends now instead of being retained.</summary>
    private static async Task CloseAsync(IPage page)
    {
        await page.GotoAsync("about:blank");
        await page.CloseAsync();
    }
}

internal sealed record Percentiles(int N, double P50, double P95, double Max)
{
    public static Percentiles Of(List<double> times)
    {
        times.Sort();
        return new Percentiles(times.Count, times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], times[^1]);
    }
}

internal sealed record CircuitLevel(int Circuits, TimeSpan Opened, IReadOnlyList<MemorySample> Memory, Percentiles Interaction, Percentiles Burst);
