using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Fawkes.Portal.Bench;

/// <summary>The portal's memory at one moment: resident set, live managed heap, and the live heap by type.</summary>
internal sealed record MemorySample(string Label, int Circuits, double RssMb, double? LiveHeapMb, double? LastGcHeapMb, IReadOnlyDictionary<string, TypeSize> Types);

internal sealed record TypeSize(long Bytes, long Count);

/// <summary>
/// Samples the portal process's memory. With dotnet-gcdump (FAWKES_GCDUMP, installed by circuits-bench.sh) each sample
/// first forces a full blocking GC by dumping the heap, so garbage left by earlier pages is not counted as circuit memory,
/// and the dump's per-type totals tell what the circuits hold. Without it, only the resident set and the runtime's
/// "heap size after the last GC" from /metrics, both noisier.
/// </summary>
internal sealed partial class MemorySampler(int pid, HttpClient http, string folder)
{
    private readonly string? _gcdump = Environment.GetEnvironmentVariable("FAWKES_GCDUMP") is { Length: > 0 } g && File.Exists(g) ? g : null;

    public bool ForcesGc => _gcdump is not null;

    public async Task<MemorySample> SampleAsync(string label, int circuits)
    {
        IReadOnlyDictionary<string, TypeSize> types = new Dictionary<string, TypeSize>();
        double? live = null;
        if (_gcdump is not null)
        {
            var file = Path.Combine(folder, $"heap-{circuits}-{string.Concat(label.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'))}.gcdump");
            await RunAsync(_gcdump, $"collect -p {pid} -o {file}");
            var report = await RunAsync(_gcdump, $"report {file}");
            (live, types) = ParseReport(report);
            File.Delete(file);
        }
        // The Prometheus exporter caches a scrape for a moment; let it see the collection just forced.
        await Task.Delay(1500);
        var rss = ReadRssMb(pid);
        var metrics = await http.GetStringAsync("/metrics");
        var heapLines = HeapSizeLine().Matches(metrics);
        double? lastGc = heapLines.Count == 0 ? null : heapLines.Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)) / 1024 / 1024;
        return new MemorySample(label, circuits, rss, live, lastGc, types);
    }

    private static double ReadRssMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>
    /// `dotnet-gcdump report` prints "N GC Heap bytes", then one line per type: "size  count  Type (Bytes > …)  [assembly]".
    /// </summary>
    private static (double? LiveMb, Dictionary<string, TypeSize> Types) ParseReport(string report)
    {
        double? live = null;
        var types = new Dictionary<string, TypeSize>();
        foreach (var raw in report.Split('\n'))
        {
            var line = raw.Trim();
            if (line.EndsWith("GC Heap bytes", StringComparison.Ordinal))
            {
                live = long.Parse(line.Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture) / 1024d / 1024d;
                continue;
            }
            var m = TypeLine().Match(line);
            if (m.Success)
            {
                var name = SizeClass().Replace(m.Groups[3].Value.Trim(), "");
                // The report's first column is one object's size of that type (size class for arrays and strings), not the
                // type's total: size × count estimates the total (it summed to ~90% of the heap in a check by hand).
                var count = long.Parse(m.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                var bytes = long.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) * count;
                types[name] = types.TryGetValue(name, out var t) ? new TypeSize(t.Bytes + bytes, t.Count + count) : new TypeSize(bytes, count);
            }
        }
        if (live is null)
        {
            throw new InvalidOperationException($"Could not read the heap size from dotnet-gcdump's report:\n{report[..Math.Min(report.Length, 2000)]}");
        }
        return (live, types);
    }

    private static async Task<string> RunAsync(string tool, string arguments)
    {
        var info = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {arguments} failed ({process.ExitCode}): {await error}{await output}");
        }
        return await output;
    }

    // Built-in System.Runtime meter (.NET 9+, enabled by AddRuntimeInstrumentation): heap size after the last GC, per generation.
    [GeneratedRegex(@"^dotnet_gc_last_collection_heap_size_bytes\{[^}]*\} ([0-9.eE+]+)", RegexOptions.Multiline)]
    private static partial Regex HeapSizeLine();

    [GeneratedRegex(@"^([0-9,]+)\s+([0-9,]+)\s+(.+)$")]
    private static partial Regex TypeLine();

    // Arrays and strings are listed once per size class ("System.Byte[] (Bytes > 10K)"); one row per type is enough here.
    [GeneratedRegex(@" \(Bytes > [^)]*\)")]
    private static partial Regex SizeClass();
}
