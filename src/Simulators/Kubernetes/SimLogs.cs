using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Simulators.Kubernetes;

/// <summary>
/// <c>GET /api/v1/namespaces/{ns}/pods/{pod}/log</c> as the API server answers it: plain text, <c>container</c> required when
/// the pod has several (400 naming the valid ones otherwise), <c>tailLines</c>, 404 Status for an unknown pod. The text
/// follows the pod's state: a crash-looping container ends in its crash, an OOM-killed one in growing memory, a healthy one serves requests.
/// </summary>
internal static class SimLogs
{
    private const int Lines = 400;

    public static IResult Log(IReadOnlyList<SimObject> objects, string ns, string pod, string? container, int? tailLines)
    {
        if (objects.FirstOrDefault(o => o.Resource == "pods" && o.Namespace == ns && o.Name == pod) is not { } found)
        {
            return KubernetesSimulator.Status(HttpStatusCode.NotFound, "NotFound", $"pods \"{pod}\" not found");
        }
        var spec = found.Json["spec"]!;
        var names = (spec["containers"] as JsonArray ?? []).Concat(spec["initContainers"] as JsonArray ?? [])
            .Select(c => c?["name"]?.GetValue<string>()).OfType<string>().ToList();
        var name = container ?? (names.Count == 1 ? names[0] : null);
        if (name is null || !names.Contains(name))
        {
            return KubernetesSimulator.Status(HttpStatusCode.BadRequest, "BadRequest", name is null
                ? $"a container name must be specified for pod {pod}, choose one of: [{string.Join(" ", names)}]"
                : $"container {name} is not valid for pod {pod}");
        }
        var status = (found.Json["status"]?["containerStatuses"] as JsonArray ?? []).FirstOrDefault(s => s?["name"]?.GetValue<string>() == name);
        var waiting = status?["state"]?["waiting"]?["reason"]?.GetValue<string>();
        var lastReason = status?["lastState"]?["terminated"]?["reason"]?.GetValue<string>();
        var lines = Text(pod, waiting, lastReason);
        var tail = tailLines is > 0 ? lines.Skip(Math.Max(0, lines.Count - tailLines.Value)) : lines;
        return Results.Text(string.Join("", tail.Select(l => l + "\n")), "text/plain", Encoding.UTF8);
    }

    private static List<string> Text(string pod, string? waiting, string? lastReason)
    {
        var start = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        string At(int i) => start.AddSeconds(i * 7).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var lines = new List<string> { $"{At(0)} INFO  Starting {pod} (build 1.42.0)", $"{At(0)} INFO  Listening on http://0.0.0.0:8080" };
        if (waiting == "CrashLoopBackOff" || lastReason == "Error")
        {
            lines.Add($"{At(1)} INFO  Connecting to postgres at payments-db.payments.svc:5432");
            lines.Add($"{At(2)} ERROR Startup failed: FATAL: password authentication failed for user \"fraud_check\"");
            lines.Add($"{At(2)}   at Database.connect (db.py:41)");
            lines.Add($"{At(2)}   at main (app.py:18)");
            lines.Add($"{At(2)} INFO  Exiting with code 1");
            return lines;
        }
        for (var i = 1; i < Lines; i++)
        {
            lines.Add(lastReason == "OOMKilled"
                ? $"{At(i)} WARN  heap in use {96 + (i % 200)} MiB of 256 MiB limit; cache entries {i * 120}"
                : $"{At(i)} INFO  GET /api/v1/payments/{1000 + i} 200 {12 + (i % 17)} ms");
        }
        return lines;
    }
}
