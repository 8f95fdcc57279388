using System.Globalization;

namespace Fawkes.Portal.Bench;

/// <summary>The circuit bench's Markdown: memory per idle circuit per page, interaction percentiles, what the memory is.</summary>
internal static class CircuitReport
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static string Line(MemorySample baseline, CircuitLevel level)
    {
        var memory = level.Memory.Select(m => string.Create(Ci,
            $"{m.Label} {PerCircuitKb(m.RssMb, baseline.RssMb, m.Circuits):F0} KB RSS / {PerCircuitKb(m.LiveHeapMb, baseline.LiveHeapMb, m.Circuits):F0} KB heap"));
        return string.Create(Ci, $"{level.Circuits} circuits (opened in {level.Opened.TotalSeconds:F0} s), per circuit: {string.Join(", ", memory)}; ") +
            string.Create(Ci, $"click → rows p50 {level.Interaction.P50:F0} p95 {level.Interaction.P95:F0} ms, 10 at once p95 {level.Burst.P95:F0} ms");
    }

    public static string Markdown(Args o, MemorySample baseline, Percentiles single, IReadOnlyList<CircuitLevel> levels, bool forcedGc)
    {
        var lines = new List<string>
        {
            string.Create(Ci, $"## Circuit benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {o.Provider}, 1,000 generated entities + demo data)"),
            "",
            string.Create(Ci, $"Baseline with no circuit open (after warm-up{(forcedGc ? ", full GC forced by a heap dump before each sample" : ", no forced GC")}): RSS {baseline.RssMb:F0} MB, live managed heap {baseline.LiveHeapMb?.ToString("F1", Ci) ?? "–"} MB, heap after last GC (/metrics) {baseline.LastGcHeapMb?.ToString("F1", Ci) ?? "–"} MB."),
            "",
            "### Memory per idle circuit (10 s idle; (sample − baseline) ÷ circuits)",
            "",
            "| circuits | page | RSS MB | RSS per circuit KB | live heap MB | live heap per circuit KB | heap after last GC MB |",
            "|---|---|---|---|---|---|---|",
        };
        foreach (var level in levels)
        {
            lines.AddRange(level.Memory.Select(m => string.Create(Ci,
                $"| {m.Circuits} | `{m.Label}` | {m.RssMb:F0} | {PerCircuitKb(m.RssMb, baseline.RssMb, m.Circuits):F0} | {m.LiveHeapMb?.ToString("F1", Ci) ?? "–"} | {PerCircuitKb(m.LiveHeapMb, baseline.LiveHeapMb, m.Circuits)?.ToString("F0", Ci) ?? "–"} | {m.LastGcHeapMb?.ToString("F1", Ci) ?? "–"} |")));
        }
        lines.AddRange(
        [
            "",
            "### Kind facet click → grid re-rendered (measured in the page)",
            "",
            "| circuits open | one user at a time: n | p50 ms | p95 ms | max ms | 10 users at once: n | p50 ms | p95 ms | max ms |",
            "|---|---|---|---|---|---|---|---|---|",
            string.Create(Ci, $"| 1 (baseline) | {single.N} | {single.P50:F0} | {single.P95:F0} | {single.Max:F0} | – | – | – | – |"),
        ]);
        lines.AddRange(levels.Select(l => string.Create(Ci,
            $"| {l.Circuits} | {l.Interaction.N} | {l.Interaction.P50:F0} | {l.Interaction.P95:F0} | {l.Interaction.Max:F0} | {l.Burst.N} | {l.Burst.P50:F0} | {l.Burst.P95:F0} | {l.Burst.Max:F0} |")));
        if (forcedGc && levels.Count > 0)
        {
            var top = levels[^1];
            foreach (var sample in top.Memory)
            {
                lines.AddRange(["", $"### What a circuit holds on `{sample.Label}` ({top.Circuits} circuits, live heap growth over the baseline, per circuit; sizes are dotnet-gcdump's per-type size × count, an estimate)", ""]);
                lines.AddRange(TopTypes(baseline, sample, 12, t => t));
                lines.Add("");
                lines.AddRange(TopTypes(baseline, sample, 8, Assembly));
            }
        }
        return string.Join('\n', lines) + "\n";
    }

    private static double? PerCircuitKb(double? mb, double? baselineMb, int circuits) =>
        mb is null || baselineMb is null || circuits == 0 ? null : (mb.Value - baselineMb.Value) * 1024 / circuits;

    /// <summary>"System.Byte[]  [System.Private.CoreLib.dll]" → "System.Private.CoreLib.dll".</summary>
    private static string Assembly(string type) =>
        type.LastIndexOf('[') is var i and >= 0 && type.EndsWith(']') ? type[(i + 1)..^1] : "(unknown)";

    /// <summary>Growth over the baseline, grouped by type or by assembly (sizes estimated, see MemorySampler).</summary>
    private static IEnumerable<string> TopTypes(MemorySample baseline, MemorySample sample, int count, Func<string, string> group)
    {
        static Dictionary<string, TypeSize> By(MemorySample s, Func<string, string> group) => s.Types
            .GroupBy(t => group(t.Key))
            .ToDictionary(g => g.Key, g => new TypeSize(g.Sum(t => t.Value.Bytes), g.Sum(t => t.Value.Count)));
        var before = By(baseline, group);
        var growth = By(sample, group)
            .Select(t => (Type: t.Key, Bytes: t.Value.Bytes - (before.GetValueOrDefault(t.Key)?.Bytes ?? 0),
                          Count: t.Value.Count - (before.GetValueOrDefault(t.Key)?.Count ?? 0)))
            .Where(t => t.Bytes > 0)
            .OrderByDescending(t => t.Bytes)
            .ToList();
        var total = growth.Sum(t => t.Bytes);
        yield return group("x [y]") == "y" ? "| assembly | bytes per circuit | objects per circuit | share of growth |" : "| type | bytes per circuit | objects per circuit | share of growth |";
        yield return "|---|---|---|---|";
        foreach (var (type, bytes, objects) in growth.Take(count))
        {
            yield return string.Create(Ci, $"| `{type.Replace("|", "\\|", StringComparison.Ordinal)}` | {bytes / sample.Circuits:N0} | {(double)objects / sample.Circuits:F0} | {100.0 * bytes / total:F0}% |");
        }
    }
}
