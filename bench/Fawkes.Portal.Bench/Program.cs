using System.Diagnostics;
using System.Globalization;
using System.Net;
using Fawkes.Portal.Bench;

// Catalog benchmark: generate N entities, start the real portal on them, time ingestion and query latencies.
// Usage: dotnet run -c Release --project bench/Fawkes.Portal.Bench -- --entities 10000 --provider Postgres --connection "Host=…"
//        … -- --entities 10000 --write-catalog <dir>   (only writes the catalog, prints its catalog-info.yaml path)
var options = Args.Parse(args);
if (args.Contains("--live"))
{
    return await LiveBench.RunAsync(options);
}
if (options.WriteCatalog is { Length: > 0 } target)
{
    // Only write the catalog (for compat/backstage/bench.sh, which feeds the same files to Backstage and the portal).
    Console.WriteLine(CatalogGenerator.Generate(options.Entities, Path.GetFullPath(target)));
    return 0;
}
if (args.Contains("--templates"))
{
    return await TemplatesBench.RunAsync(options); // bench/templates-bench.sh
}
var folder = Directory.CreateTempSubdirectory("fawkes-bench-").FullName;
var small = options.Events > 0 || options.Circuits.Length > 0;
var root = CatalogGenerator.Generate(small ? 1000 : options.Entities, Path.Combine(folder, "catalog"));
if (options.Events > 0)
{
    return await DoraBench.RunAsync(options, folder, root);
}
if (options.Circuits.Length > 0)
{
    return await CircuitBench.RunAsync(options, folder, root);
}
Console.WriteLine($"Generated {options.Entities:N0} entities (+1 root Location) in {folder}");

using var app = PortalProcess.Start(options, root, folder);
var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
http.DefaultRequestHeaders.Authorization = new("Bearer", PortalProcess.Token);

var clock = Stopwatch.StartNew();
await Wait.UntilAsync(async () => (await http.GetAsync("/readyz")).IsSuccessStatusCode, TimeSpan.FromSeconds(120));
var ready = clock.Elapsed;
await Wait.UntilAsync(async () => (await http.GetAsync("/api/catalog/entities/by-name/component/default/component-0")).IsSuccessStatusCode, TimeSpan.FromMinutes(20));
var ingested = clock.Elapsed;
// Measure the settled catalog: the demo location (for the sign-in users) is read after the generated one, and the
// in-memory entity snapshot is rebuilt after each change.
await Wait.UntilAsync(async () => (await http.GetAsync("/api/catalog/entities/by-name/group/default/platform-team")).IsSuccessStatusCode, TimeSpan.FromMinutes(5));
await Task.Delay(TimeSpan.FromSeconds(Math.Max(3, options.Entities / 10_000 * 2)));
var rssAfterIngest = app.RssMegabytes();
Console.WriteLine($"ready after {ready.TotalSeconds:F1} s; all {options.Entities:N0} entities queryable after {ingested.TotalSeconds:F1} s ({options.Entities / (ingested - ready).TotalSeconds:N0} entities/s)");

// A browser session for the page render measurement (development sign-in as a seeded demo user).
using var browser = await PortalProcess.SignedInBrowserAsync(app.BaseAddress, "priya.raman", "Developer");

var components = options.Entities * 5_350 / 10_000;
var random = new Random(7);
var results = new List<Measurement>
{
    await Measure.RunAsync("baseline GET /healthz", options.Iterations, _ => http.GetAsync("/healthz")),
    await Measure.RunAsync("by-query kind=component limit 20", options.Iterations, _ => http.GetAsync("/api/catalog/entities/by-query?filter=kind=component&limit=20")),
    await Measure.RunAsync("by-query full text", options.Iterations, i => http.GetAsync($"/api/catalog/entities/by-query?fullTextFilterTerm={CatalogGenerator.Word(i)}%20service%20number%20{random.Next(components)}&limit=20")),
    await Measure.RunAsync("entity-facets spec.type", options.Iterations, _ => http.GetAsync("/api/catalog/entity-facets?facet=spec.type")),
    await Measure.RunAsync("by-name", options.Iterations, _ => http.GetAsync($"/api/catalog/entities/by-name/component/default/component-{random.Next(components)}")),
    await Measure.RunAsync("by-name, one entity again and again", options.Iterations, _ => http.GetAsync("/api/catalog/entities/by-name/component/default/component-7")),
    await Measure.RunAsync("GET /api/me (authentication only)", options.Iterations, _ => http.GetAsync("/api/me")),
    await Measure.RunAsync("catalog list page (server render)", Math.Max(20, options.Iterations / 4), _ => browser.GetAsync("/catalog?kind=Component")),
};
var rss = app.RssMegabytes();

var report = Report.Markdown(options, ready, ingested, rssAfterIngest, rss, results);
Console.WriteLine(report);
Directory.CreateDirectory("bench/results");
var file = $"bench/results/catalog-{options.Provider.ToLowerInvariant()}-{options.Entities}-{DateTime.UtcNow:yyyyMMddHHmm}.md";
await File.WriteAllTextAsync(file, report);
Console.WriteLine($"Written to {file}");
Directory.Delete(folder, recursive: true);
return 0;

internal sealed record Measurement(string Name, int N, double P50, double P95, double Max);

internal static class Measure
{
    public static async Task<Measurement> RunAsync(string name, int iterations, Func<int, Task<HttpResponseMessage>> call)
    {
        // Warm-up for two seconds: .NET starts methods unoptimized and recompiles the hot ones after ~30 calls (tiered
        // JIT), later while start-up work keeps the JIT busy. Steady state is what users get once the portal has run a minute.
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 30 || warm.Elapsed < TimeSpan.FromSeconds(2); i++)
        {
            (await call(i)).EnsureSuccessStatusCode();
        }
        var times = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var sw = Stopwatch.StartNew();
            using var response = await call(i);
            await response.Content.ReadAsByteArrayAsync();
            sw.Stop();
            response.EnsureSuccessStatusCode();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return new Measurement(name, iterations, times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], times[^1]);
    }
}

internal static class Wait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Condition not met within {timeout}.");
    }
}

internal static class Report
{
    public static string Markdown(Args o, TimeSpan ready, TimeSpan ingested, double rssIngest, double rss, IReadOnlyList<Measurement> results)
    {
        var ci = CultureInfo.InvariantCulture;
        var baseline = results[0].P95;
        var lines = new List<string>
        {
            $"## Catalog benchmark: {o.Entities:N0} entities on {o.Provider} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)",
            "",
            $"- process start → /readyz: {ready.TotalSeconds.ToString("F1", ci)} s",
            $"- process start → every entity queryable with relations: {ingested.TotalSeconds.ToString("F1", ci)} s (ingestion {(ingested - ready).TotalSeconds.ToString("F1", ci)} s, {(o.Entities / (ingested - ready).TotalSeconds).ToString("N0", ci)} entities/s)",
            $"- app resident memory: {rssIngest.ToString("N0", ci)} MB after ingestion, {rss.ToString("N0", ci)} MB after the queries",
            "",
            "| request | n | p50 ms | p95 ms | max ms | p95 ÷ baseline p95 |",
            "|---|---|---|---|---|---|",
        };
        lines.AddRange(results.Select(r => string.Create(ci, $"| {r.Name} | {r.N} | {r.P50:F1} | {r.P95:F1} | {r.Max:F1} | {r.P95 / baseline:F1} |")));
        return string.Join('\n', lines) + "\n";
    }
}
