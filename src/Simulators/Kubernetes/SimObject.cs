using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Simulators.Kubernetes;

/// <summary>An object stored in the simulated cluster: its plural resource (<c>pods</c>), namespace and JSON as a GET of it returns.</summary>
public sealed record SimObject(string Resource, string Namespace, string Name, JsonObject Json)
{
    public IReadOnlyDictionary<string, string> Labels =>
        (Json["metadata"]?["labels"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);
}

/// <summary>Small builders for the JSON a real API server writes (RFC 3339 times, uids, owner references).</summary>
internal static class K8s
{
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A stable uid from a name, so the same scenario always produces the same objects.</summary>
    public static string Uid(string seed)
    {
        var h = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        return new Guid(h.AsSpan(0, 16)).ToString();
    }

    /// <summary>A 10-character pod-template-hash-like suffix.</summary>
    public static string Hash(string seed, int length = 10) =>
        string.Concat(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).Take(length).Select(b => "bcdfghjklmnpqrstvwxz2456789"[b % 27]));

    public static JsonObject Meta(string name, string ns, IReadOnlyDictionary<string, string> labels, DateTimeOffset created,
        (string Kind, string ApiVersion, string Name)? owner = null, string? generateName = null)
    {
        var meta = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["uid"] = Uid($"{ns}/{name}"),
            ["resourceVersion"] = (Math.Abs(name.GetHashCode(StringComparison.Ordinal)) % 900000 + 100000).ToString(CultureInfo.InvariantCulture),
            ["creationTimestamp"] = Time(created),
            ["labels"] = Labels(labels),
        };
        if (generateName is not null)
        {
            meta["generateName"] = generateName;
        }
        if (owner is { } o)
        {
            meta["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = o.ApiVersion, ["kind"] = o.Kind, ["name"] = o.Name, ["uid"] = Uid($"{ns}/{o.Name}"),
                ["controller"] = true, ["blockOwnerDeletion"] = true,
            });
        }
        return meta;
    }

    public static JsonObject Labels(IReadOnlyDictionary<string, string> labels)
    {
        var json = new JsonObject();
        foreach (var (k, v) in labels)
        {
            json[k] = v;
        }
        return json;
    }

    public static JsonObject Condition(string type, string status, DateTimeOffset at, string? reason = null, string? message = null, bool probe = false)
    {
        var c = new JsonObject { ["type"] = type, ["status"] = status };
        if (probe)
        {
            c["lastProbeTime"] = null;
        }
        else
        {
            c["lastUpdateTime"] = Time(at);
        }
        c["lastTransitionTime"] = Time(at);
        if (reason is not null)
        {
            c["reason"] = reason;
        }
        if (message is not null)
        {
            c["message"] = message;
        }
        return c;
    }
}
