using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Npgsql;

namespace Fawkes.Portal.Bench;

/// <summary>
/// DORA on PostgreSQL: ingest N events (200 services, 2 years) through the batch API, kill the app in the middle of it
/// and check that every acknowledged event survived, then time the organisation and service dashboard queries.
/// </summary>
internal static class DoraBench
{
    private const int BatchSize = 1_000;
    private const int Posters = 2;

    public static async Task<int> RunAsync(Args options, string folder, string root)
    {
        var total = options.Events;
        var end = DateOnly.FromDateTime(DateTime.UtcNow);
        var batches = DoraGenerator.Events(200, 730, end).Take(total).Chunk(BatchSize).Select(b => (Json: DoraGenerator.Batch(b), Count: b.Length)).ToList();
        Console.WriteLine($"Generated {total:N0} events in {batches.Count:N0} batches");

        // 1. Kill during ingestion: post a tenth of the batches, SIGKILL the app mid-way, count what is stored.
        var killAfter = Math.Max(4, batches.Count / 10);
        long acknowledged;
        using (var app = PortalProcess.Start(options, root, folder))
        {
            using var http = Client(app.BaseAddress);
            await Wait.UntilAsync(async () => (await http.GetAsync("/readyz")).IsSuccessStatusCode, TimeSpan.FromSeconds(120));
            var posting = PostAsync(http, batches.Take(killAfter * 2).ToList(), CancellationToken.None, stopOnError: false);
            await Wait.UntilAsync(() => Task.FromResult(posting.Acknowledged >= killAfter * BatchSize), TimeSpan.FromMinutes(10));
            app.Kill();
            acknowledged = posting.Acknowledged;
            await posting.Task;
        }
        var stored = await CountAsync(options.Connection!);
        Console.WriteLine($"killed after {acknowledged:N0} acknowledged events; {stored:N0} stored");
        var lost = Math.Max(0, acknowledged - stored);

        // 2. Sustained ingestion of everything (re-sending the first part replaces, so the total stays N).
        using var portal = PortalProcess.Start(options, root, folder);
        using var api = Client(portal.BaseAddress);
        await Wait.UntilAsync(async () => (await api.GetAsync("/readyz")).IsSuccessStatusCode, TimeSpan.FromSeconds(120));
        var clock = Stopwatch.StartNew();
        var run = PostAsync(api, batches, CancellationToken.None, stopOnError: true);
        await run.Task;
        var ingestion = clock.Elapsed;
        var count = await CountAsync(options.Connection!);
        Console.WriteLine($"ingested {total:N0} events in {ingestion.TotalSeconds:F1} s ({total / ingestion.TotalSeconds:N0} events/s); {count:N0} stored");

        // 3. Queries: the first organisation query builds every service's facts; later ones reuse them.
        var from90 = end.AddDays(-89).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        clock.Restart();
        (await api.GetAsync($"/api/dora/summary?from={from90}&to={to}")).EnsureSuccessStatusCode();
        var cold = clock.Elapsed;
        var random = new Random(3);
        using var browser = await PortalProcess.SignedInBrowserAsync(portal.BaseAddress, "jonas.weber", "PlatformLead");
        var results = new List<Measurement>
        {
            await Measure.RunAsync("baseline GET /healthz", options.Iterations, _ => api.GetAsync("/healthz")),
            await Measure.RunAsync("org summary, 90 days", options.Iterations, _ => api.GetAsync($"/api/dora/summary?from={from90}&to={to}")),
            await Measure.RunAsync("org metrics by week, 90 days", options.Iterations, _ => api.GetAsync($"/api/dora/metrics?from={from90}&to={to}&bucket=week")),
            await Measure.RunAsync("service summary, 90 days", options.Iterations, _ => api.GetAsync($"/api/dora/summary?service=svc-{random.Next(200):D3}&from={from90}&to={to}")),
            await Measure.RunAsync("service metrics by week, 90 days", options.Iterations, _ => api.GetAsync($"/api/dora/metrics?service=svc-{random.Next(200):D3}&from={from90}&to={to}&bucket=week")),
            await Measure.RunAsync("service deployments drill-down, 90 days", options.Iterations, _ => api.GetAsync($"/api/dora/deployments?service=svc-{random.Next(200):D3}&from={from90}&to={to}")),
            // The whole dashboard as a browser first gets it: tiles, previous period, weekly rows, breakdown, drill-down list.
            await Measure.RunAsync("org dashboard page, 90 days (server render)", Math.Max(20, options.Iterations / 4), _ => browser.GetAsync("/dora?days=90")),
            await Measure.RunAsync("service dashboard page, 90 days (server render)", Math.Max(20, options.Iterations / 4), _ => browser.GetAsync($"/dora?days=90&service=svc-{random.Next(200):D3}")),
        };
        var report = Markdown(total, acknowledged, stored, lost, ingestion, count, cold, portal.RssMegabytes(), results);
        Console.WriteLine(report);
        Directory.CreateDirectory("bench/results");
        var file = $"bench/results/dora-postgres-{total}-{DateTime.UtcNow:yyyyMMddHHmm}.md";
        await File.WriteAllTextAsync(file, report);
        Console.WriteLine($"Written to {file}");
        return lost == 0 && count == total ? 0 : 1;
    }

    private static HttpClient Client(Uri baseAddress)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", PortalProcess.Token);
        return http;
    }

    private sealed class Posting
    {
        private long _acknowledged;
        public long Acknowledged => Interlocked.Read(ref _acknowledged);
        public Task Task { get; set; } = Task.CompletedTask;
        public void Add(long n) => Interlocked.Add(ref _acknowledged, n);
    }

    /// <summary>Posts batches with <see cref="Posters"/> concurrent senders; counts events only once a 202 came back.</summary>
    private static Posting PostAsync(HttpClient http, IReadOnlyList<(string Json, int Count)> batches, CancellationToken ct, bool stopOnError)
    {
        var posting = new Posting();
        var next = -1;
        posting.Task = Task.WhenAll(Enumerable.Range(0, Posters).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Count)
            {
                try
                {
                    using var response = await http.PostAsync("/api/dora/events", new StringContent(batches[i].Json, Encoding.UTF8, "application/json"), ct);
                    if (response.StatusCode != HttpStatusCode.Accepted)
                    {
                        throw new InvalidOperationException($"Batch {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                    }
                    posting.Add(batches[i].Count);
                }
                catch (Exception) when (!stopOnError)
                {
                    return; // the app was killed: unacknowledged batches are allowed to be lost
                }
            }
        }));
        return posting;
    }

    private static async Task<long> CountAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM dora_events WHERE \"Source\" = 'api'", db);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Markdown(int total, long acknowledged, long stored, long lost, TimeSpan ingestion, long count, TimeSpan cold, double rss, IReadOnlyList<Measurement> results)
    {
        var ci = CultureInfo.InvariantCulture;
        var baseline = results[0].P95;
        var lines = new List<string>
        {
            $"## DORA benchmark: {total:N0} events, 200 services, 2 years, PostgreSQL ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)",
            "",
            $"- kill -9 during ingestion: {acknowledged:N0} events acknowledged, {stored:N0} stored, **{lost} acknowledged events lost**",
            $"- ingestion through `POST /api/dora/events` ({BatchSize:N0} per batch, {Posters} senders): {ingestion.TotalSeconds.ToString("F1", ci)} s, **{(total / ingestion.TotalSeconds).ToString("N0", ci)} events/s**; {count:N0} stored",
            $"- first organisation query after ingestion (builds every service's facts): {cold.TotalMilliseconds.ToString("N0", ci)} ms",
            $"- app resident memory after the queries: {rss.ToString("N0", ci)} MB",
            "",
            "| request | n | p50 ms | p95 ms | max ms | p95 ÷ baseline p95 |",
            "|---|---|---|---|---|---|",
        };
        lines.AddRange(results.Select(r => string.Create(ci, $"| {r.Name} | {r.N} | {r.P50:F1} | {r.P95:F1} | {r.Max:F1} | {r.P95 / baseline:F1} |")));
        return string.Join('\n', lines) + "\n";
    }
}
