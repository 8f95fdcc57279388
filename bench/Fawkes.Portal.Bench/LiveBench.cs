extern alias portal;

using System.Diagnostics;
using System.Globalization;
using System.Text;
using portal::Fawkes.Portal.Simulators.ArgoCd;
using portal::Fawkes.Portal.Simulators.Jenkins;
using portal::Fawkes.Portal.Simulators.Kubernetes;
using portal::Fawkes.Portal.Simulators.SonarQube;

namespace Fawkes.Portal.Bench;

/// <summary>
/// The live platform's targets: the four upstream simulators in this process, each adding <see cref="LatencyMs"/> to every
/// answer (fault injection), a Kubernetes cluster of 200 entities × 10 pods, the published portal as a child process with
/// all four configured, then the entity page shell, all four panels' JSON in parallel (as the page loads them), 50 viewers
/// of one entity (upstream calls counted at the simulators) and one entity's Kubernetes panel in the 2,000-pod cluster.
/// </summary>
internal static class LiveBench
{
    private const int LatencyMs = 100;
    private const int Entities = 200;
    private const int PodsPerEntity = 10;
    private const int CacheSeconds = 10;
    private static readonly string[] Panels = ["kubernetes", "jenkins", "argocd", "sonarqube"];

    public static async Task<int> RunAsync(Args options)
    {
        var folder = Directory.CreateTempSubdirectory("fawkes-live-bench-").FullName;
        var names = Enumerable.Range(0, Entities).Select(i => $"svc-{i:000}").ToList();
        const string token = "bench-upstream-token";
        await using var k8s = await KubernetesSimulator.StartAsync(names.Select(n => new SimulatedWorkload(n, "bench", KubernetesScenario.Healthy,
            Replicas: PodsPerEntity)), token);
        await using var jenkins = await JenkinsSimulator.StartAsync(names.Select(n => new SimulatedJob(n, JenkinsScenario.Success)), "bench", token);
        await using var argo = await ArgoCdSimulator.StartAsync(names.Select(n => new SimulatedApp(n, "bench", ArgoCdScenario.Healthy)), token);
        await using var sonar = await SonarQubeSimulator.StartAsync(names.Select(n => new SimulatedProject(n, n, SonarQubeScenario.PassingGate)), token);
        var upstream = new Dictionary<string, Func<int>>
        {
            ["kubernetes"] = () => k8s.Requests, ["jenkins"] = () => jenkins.Requests, ["argocd"] = () => argo.Requests, ["sonarqube"] = () => sonar.Requests,
        };
        void Latency(int ms) => (k8s.Faults.Latency, jenkins.Faults.Latency, argo.Faults.Latency, sonar.Faults.Latency) =
            (TimeSpan.FromMilliseconds(ms), TimeSpan.FromMilliseconds(ms), TimeSpan.FromMilliseconds(ms), TimeSpan.FromMilliseconds(ms));

        var catalog = Path.Combine(folder, "catalog-info.yaml");
        await File.WriteAllTextAsync(catalog, string.Join("---\n", names.Select(Component)));
        var settings = new Dictionary<string, string>
        {
            ["Integrations__Kubernetes__Clusters__0__Name"] = "bench", ["Integrations__Kubernetes__Clusters__0__Url"] = k8s.BaseAddress.ToString(),
            ["Integrations__Kubernetes__Clusters__0__Token"] = token,
            ["Integrations__Jenkins__Instances__0__Name"] = "bench", ["Integrations__Jenkins__Instances__0__Url"] = jenkins.BaseAddress.ToString(),
            ["Integrations__Jenkins__Instances__0__User"] = "bench", ["Integrations__Jenkins__Instances__0__ApiToken"] = token,
            ["Integrations__ArgoCd__Instances__0__Name"] = "bench", ["Integrations__ArgoCd__Instances__0__Url"] = argo.BaseAddress.ToString(),
            ["Integrations__ArgoCd__Instances__0__Token"] = token,
            ["Integrations__SonarQube__Instances__0__Name"] = "default", ["Integrations__SonarQube__Instances__0__Url"] = sonar.BaseAddress.ToString(),
            ["Integrations__SonarQube__Instances__0__Token"] = token,
        };
        using var app = PortalProcess.Start(options, catalog, folder, settings);
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", PortalProcess.Token);
        await Wait.UntilAsync(async () => (await http.GetAsync("/readyz")).IsSuccessStatusCode, TimeSpan.FromSeconds(120));
        await Wait.UntilAsync(async () => (await http.GetAsync($"/api/catalog/entities/by-name/component/default/{names[^1]}")).IsSuccessStatusCode,
            TimeSpan.FromMinutes(2));
        await Wait.UntilAsync(async () => (await http.GetAsync("/api/catalog/entities/by-name/group/default/platform-team")).IsSuccessStatusCode,
            TimeSpan.FromMinutes(2));
        using var browser = await PortalProcess.SignedInBrowserAsync(app.BaseAddress, "priya.raman", "Developer");

        var rows = new List<string>();
        Latency(LatencyMs);
        // Warm-up on entities the measured runs do not use (JIT, connection pools), then let their cache entries expire.
        foreach (var name in names.Skip(180))
        {
            await browser.GetAsync(EntityPage(name));
            await Task.WhenAll(Panels.Select(p => http.GetAsync(Api(name, p))));
        }
        await CheckAsync(browser, http, names[180]);
        rows.Add(Row("baseline GET /healthz", await Timed(200, _ => http.GetAsync("/healthz"))));
        rows.Add(Row("entity page shell (server render, cold live caches), target p95 ≤ 300", await Timed(80, i => browser.GetAsync(EntityPage(names[i])))));
        await Task.Delay(TimeSpan.FromSeconds(CacheSeconds + 1));
        rows.Add(Row("all four panels' JSON in parallel (cold), target p95 ≤ 1000", await Timed(80, i =>
            Task.WhenAll(Panels.Select(p => http.GetAsync(Api(names[80 + i], p)))))));

        await Task.Delay(TimeSpan.FromSeconds(CacheSeconds + 1));
        var one = await Calls(upstream, () => Task.WhenAll(Panels.Select(p => http.GetAsync(Api(names[170], p)))));
        var fifty = await Calls(upstream, () => Task.WhenAll(Enumerable.Range(0, 50).SelectMany(_ => Panels.Select(p => http.GetAsync(Api(names[171], p))))));
        foreach (var p in Panels)
        {
            rows.Add($"| 50 viewers of one entity: {p} upstream requests (1 viewer: {one[p]}), target ≤ 1 fetch | {fifty[p]} | {(double)fifty[p] / Math.Max(1, one[p]):0.##} fetches | | |");
        }

        Latency(0);
        await Task.Delay(TimeSpan.FromSeconds(CacheSeconds + 1));
        rows.Add(Row($"kubernetes panel, {Entities * PodsPerEntity:N0}-pod cluster, no latency, cold (each entity once), target p95 ≤ 150",
            await Timed(Entities, i => http.GetAsync(Api(names[i], "kubernetes")))));
        rows.Add(Row("kubernetes panel, same entity, warm (shared cache)", await Timed(200, _ => http.GetAsync(Api(names[0], "kubernetes")))));
        Latency(LatencyMs);
        await Task.Delay(TimeSpan.FromSeconds(CacheSeconds + 1));
        rows.Add(Row($"kubernetes panel, {Entities * PodsPerEntity:N0}-pod cluster, {LatencyMs} ms latency, cold", await Timed(60, i => http.GetAsync(Api(names[i], "kubernetes")))));
        rows.Add(Row($"kubernetes panel, {LatencyMs} ms latency, warm", await Timed(200, _ => http.GetAsync(Api(names[0], "kubernetes")))));

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# Live platform bench {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC")
            .AppendLine(CultureInfo.InvariantCulture, $"Upstream latency {LatencyMs} ms per request (simulator fault injection); {Entities} entities, "
                + $"{Entities * PodsPerEntity:N0} pods; cache {CacheSeconds} s; portal RSS {app.RssMegabytes():N0} MB; load {File.ReadAllText("/proc/loadavg").Trim()}")
            .AppendLine().AppendLine("| measurement (ms) | p50 | p95 | max | n |").AppendLine("|---|---|---|---|---|");
        rows.ForEach(r => report.AppendLine(r));
        Console.WriteLine(report);
        Directory.CreateDirectory("bench/results");
        var file = $"bench/results/live-{DateTime.UtcNow:yyyyMMddHHmm}.md";
        await File.WriteAllTextAsync(file, report.ToString());
        Console.WriteLine($"Written to {file}");
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    /// <summary>Fast answers only count when they are the real ones: the signed-in entity page, each panel's data from its upstream.</summary>
    private static async Task CheckAsync(HttpClient browser, HttpClient http, string name)
    {
        using var page = await browser.GetAsync(EntityPage(name));
        var html = await page.Content.ReadAsStringAsync();
        if (!page.IsSuccessStatusCode || page.RequestMessage?.RequestUri?.AbsolutePath != EntityPage(name) || !html.Contains(name, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"entity page of {name}: {(int)page.StatusCode} at {page.RequestMessage?.RequestUri}");
        }
        foreach (var panel in Panels)
        {
            using var response = await http.GetAsync(Api(name, panel));
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode || !body.Contains("\"status\":\"ok\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{panel} panel of {name}: {(int)response.StatusCode} {body[..Math.Min(400, body.Length)]}");
            }
        }
    }

    private static string EntityPage(string name) => $"/catalog/default/component/{name}";

    private static string Api(string name, string panel) => $"/api/live/component/default/{name}/{panel}";

    private static string Component(string name) =>
        $"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: {name}\n  annotations:\n"
        + $"    backstage.io/kubernetes-id: {name}\n    jenkins.io/job-full-name: {name}\n    argocd/app-name: {name}\n"
        + $"    sonarqube.org/project-key: {name}\nspec:\n  type: service\n  lifecycle: production\n  owner: platform-team\n";

    private static async Task<Dictionary<string, int>> Calls(Dictionary<string, Func<int>> upstream, Func<Task> run)
    {
        var before = upstream.ToDictionary(u => u.Key, u => u.Value());
        await run();
        return upstream.ToDictionary(u => u.Key, u => u.Value() - before[u.Key]);
    }

    private static async Task<List<double>> Timed(int n, Func<int, Task> call)
    {
        var times = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            var clock = Stopwatch.StartNew();
            await call(i);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static string Row(string name, List<double> times)
    {
        var sorted = times.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {At(0.5):F1} | {At(0.95):F1} | {sorted[^1]:F1} | {sorted.Count} |");
    }
}
