using System.Globalization;
using System.Text;

namespace Fawkes.Portal.Bench;

/// <summary>
/// A realistic DORA history: per service and working day about 2.5 pull requests, 2.5 production deployments (5% failed)
/// that list the merge commits they ship, 1.7 builds, and an incident every week or so; 200 services over 2 years ≈ 1M events.
/// Yields JSON events in time order, day by day across services, as pipelines would send them.
/// </summary>
internal static class DoraGenerator
{
    public static IEnumerable<string> Events(int services, int days, DateOnly end, int seed = 42)
    {
        var random = new Random(seed);
        var start = end.AddDays(-days + 1);
        var pending = new List<string>[services];
        for (var s = 0; s < services; s++)
        {
            pending[s] = [];
        }
        var ci = CultureInfo.InvariantCulture;
        long n = 0;
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            for (var s = 0; s < services; s++)
            {
                var service = $"svc-{s:D3}";
                var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
                var prs = weekend ? random.Next(0, 2) : random.Next(1, 6);
                for (var p = 0; p < prs; p++)
                {
                    var merged = midnight.AddMinutes(random.Next(8 * 60, 18 * 60));
                    var created = merged.AddMinutes(-random.Next(30, 3 * 24 * 60));
                    var sha = $"{s:x3}{n++:x13}";
                    pending[s].Add(sha);
                    yield return $$"""{"type":"pull_request","id":"pr-{{sha}}","service":"{{service}}","createdAt":"{{T(created)}}","mergedAt":"{{T(merged)}}","mergeCommitSha":"{{sha}}","firstCommitAt":"{{T(created.AddMinutes(-random.Next(10, 2 * 24 * 60)))}}","firstReviewAt":"{{T(created.AddMinutes(random.Next(5, 600)))}}"}""";
                }
                var deployments = weekend ? random.Next(0, 2) : random.Next(1, 5);
                for (var d = 0; d < deployments; d++)
                {
                    var started = midnight.AddMinutes(19 * 60 + d * 60 + random.Next(0, 40));
                    var failed = random.NextDouble() < 0.05;
                    var commits = failed ? [] : pending[s].ToArray();
                    if (!failed)
                    {
                        pending[s].Clear();
                    }
                    var id = $"dep-{s:D3}-{n++:x}";
                    var list = string.Join(',', commits.Select(c => $"\"{c}\""));
                    yield return $$"""{"type":"deployment","id":"{{id}}","service":"{{service}}","environment":"production","result":"{{(failed ? "failure" : "success")}}","startedAt":"{{T(started)}}","finishedAt":"{{T(started.AddMinutes(random.Next(2, 15)))}}","revision":"{{id}}","commits":[{{list}}],"source":"bench"}""";
                }
                var builds = weekend ? 0 : random.Next(2, 6);
                for (var b = 0; b < builds; b++)
                {
                    var at = midnight.AddMinutes(random.Next(9 * 60, 18 * 60));
                    yield return $$"""{"type":"build","id":"build-{{s:D3}}-{{n++:x}}","service":"{{service}}","result":"{{(random.NextDouble() < 0.1 ? "failure" : "success")}}","startedAt":"{{T(at)}}","finishedAt":"{{T(at.AddMinutes(8))}}","branch":"main"}""";
                }
                if (random.NextDouble() < 0.15)
                {
                    var created = midnight.AddMinutes(random.Next(0, 24 * 60));
                    var open = day > end.AddDays(-3) && random.NextDouble() < 0.5;
                    var resolved = open ? "null" : $"\"{T(created.AddMinutes(random.Next(5, 3 * 24 * 60)))}\"";
                    yield return $$"""{"type":"incident","id":"inc-{{s:D3}}-{{n++:x}}","service":"{{service}}","createdAt":"{{T(created)}}","resolvedAt":{{resolved}},"severity":"SEV2"}""";
                }
            }
        }

        string T(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", ci);
    }

    public static string Batch(IEnumerable<string> events)
    {
        var sb = new StringBuilder("[");
        foreach (var e in events)
        {
            if (sb.Length > 1)
            {
                sb.Append(',');
            }
            sb.Append(e);
        }
        return sb.Append(']').ToString();
    }
}
