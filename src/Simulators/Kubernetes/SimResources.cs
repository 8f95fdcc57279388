using System.Text.Json.Nodes;

namespace Fawkes.Portal.Simulators.Kubernetes;

/// <summary>The resources the simulator serves, with their API group and list kind, and the field selectors it understands.</summary>
internal static class SimResources
{
    public static readonly Dictionary<string, (string GroupVersion, string ListKind)> Kinds = new(StringComparer.Ordinal)
    {
        ["pods"] = ("v1", "PodList"),
        ["services"] = ("v1", "ServiceList"),
        ["events"] = ("v1", "EventList"),
        ["deployments"] = ("apps/v1", "DeploymentList"),
        ["replicasets"] = ("apps/v1", "ReplicaSetList"),
        ["statefulsets"] = ("apps/v1", "StatefulSetList"),
        ["daemonsets"] = ("apps/v1", "DaemonSetList"),
        ["ingresses"] = ("networking.k8s.io/v1", "IngressList"),
        ["horizontalpodautoscalers"] = ("autoscaling/v2", "HorizontalPodAutoscalerList"),
        ["jobs"] = ("batch/v1", "JobList"),
        ["cronjobs"] = ("batch/v1", "CronJobList"),
    };

    /// <summary>
    /// Offset and page size of a list call: <c>limit</c> (0 or absent: everything) and the <c>continue</c> token of the
    /// previous page. A token this server did not issue is refused, as a real API server refuses it.
    /// </summary>
    public static (int Offset, int Limit) Page(string? continueToken, string? limit, int count)
    {
        var size = int.TryParse(limit, out var l) && l > 0 ? l : int.MaxValue - count;
        if (string.IsNullOrEmpty(continueToken))
        {
            return (0, size);
        }
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(continueToken));
            if (text.StartsWith("offset:", StringComparison.Ordinal) && int.TryParse(text[7..], out var offset) && offset >= 0)
            {
                return (offset, size);
            }
        }
        catch (FormatException)
        {
        }
        throw new FormatException("continue key is not valid");
    }

    /// <summary><c>type=Warning,involvedObject.kind!=Node</c>: equality and inequality on dotted field paths.</summary>
    public static Func<JsonObject, bool> FieldSelector(string? selector)
    {
        var tests = new List<Func<JsonObject, bool>>();
        foreach (var part in (selector ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var negate = part.Contains("!=", StringComparison.Ordinal);
            var pieces = part.Split(negate ? "!=" : part.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
            if (pieces.Length != 2 || pieces[0].Length == 0)
            {
                throw new FormatException($"invalid field selector: '{part}'");
            }
            var (path, value) = (pieces[0].Split('.'), pieces[1]);
            tests.Add(o =>
            {
                JsonNode? node = o;
                foreach (var segment in path)
                {
                    node = node?[segment];
                }
                var actual = node?.ToString() ?? "";
                return negate ? actual != value : actual == value;
            });
        }
        return o => tests.All(t => t(o));
    }
}
