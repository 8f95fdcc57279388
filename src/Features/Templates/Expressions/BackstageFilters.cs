
namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>
/// The filters Backstage's scaffolder adds (createDefaultFilters): parseRepoUrl, parseEntityRef, pick, projectSlug.
/// nunjitsu copies each result as plain data: undefined properties vanish and an undefined result stays undefined
/// (<c>pick</c> of a missing path prints nothing; lodash.get's third argument is its default).
/// </summary>
internal static class BackstageFilters
{
    /// <summary>The integrations a Backstage backend has with no integrations config.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultIntegrations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["github.com"] = "github", ["gitlab.com"] = "gitlab", ["bitbucket.org"] = "bitbucketCloud", ["dev.azure.com"] = "azure",
    };

    public static void AddTo(Dictionary<string, FilterFunction> filters, IReadOnlyDictionary<string, string> integrations)
    {
        filters["parseRepoUrl"] = Capability("parseRepoUrl", c => ThroughJson(ParseRepoUrl(c.Input, integrations)));
        filters["projectSlug"] = Capability("projectSlug", c => ThroughJson(ParseRepoUrl(c.Input, integrations) is var r ? $"{Js.ToStr(r["owner"])}/{Js.ToStr(r["repo"])}" : null));
        filters["parseEntityRef"] = Capability("parseEntityRef", c => ThroughJson(ParseEntityRef(c.Input, c.Arg(0))));
        filters["pick"] = Capability("pick", c => ThroughJson(LodashGet(c.Input, Js.ToStr(c.Arg(0))) is var v && v is JsUndefined ? c.Arg(1) : v));
    }

    /// <summary>A filter the host registers: nunjitsu refuses keyword arguments to it (nunjucks passed them as a trailing object).</summary>
    internal static FilterFunction Capability(string name, FilterFunction filter) => c =>
        c.Args.Count > 0 && c.Args[^1] is JsObject o && o.ContainsKey("__keywords")
            ? throw new JsError($"Registered filter {name} does not accept keyword arguments")
            : filter(c);

    /// <summary>The plain-data copy nunjitsu makes of a filter's result.</summary>
    internal static object? ThroughJson(object? result) =>
        JsJson.Stringify(result) is { } json ? Js.FromJson(System.Text.Json.Nodes.JsonNode.Parse(json)) : Js.Undefined;

    /// <summary>@backstage/plugin-scaffolder-node parseRepoUrl: <c>host?owner=o&amp;repo=r</c> as picked by RepoUrlPicker.</summary>
    public static JsObject ParseRepoUrl(object? repoUrl, IReadOnlyDictionary<string, string> integrations)
    {
        var text = Js.ToStr(repoUrl);
        if (!Uri.TryCreate("https://" + text, UriKind.Absolute, out var url) || url.Host.Length == 0)
            throw new JsError($"Invalid repo URL passed to publisher, got {text}, TypeError: Invalid URL");
        var host = url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}";
        if (!integrations.TryGetValue(host, out var type))
            throw new JsError($"No matching integration configuration for host {host}, please check your integrations config");
        var query = ParseQuery(url.Query);
        string[] required = type switch
        {
            "bitbucketCloud" => ["workspace", "project", "repo"],
            "bitbucketServer" or "azure" => ["project", "repo"],
            "gitlab" => query.ContainsKey("project") ? [] : ["owner", "repo"],
            "gitea" or "gerrit" => ["repo"],
            _ => ["repo", "owner"],
        };
        foreach (var param in required)
            if (!query.TryGetValue(param, out var v) || v.Length == 0)
                throw new JsError($"Invalid repo URL passed to publisher: https://{host}{url.AbsolutePath}{url.Query}, missing {param}");
        var result = new JsObject { ["host"] = host };
        foreach (var name in new[] { "owner", "repo", "organization", "workspace", "project" })
            result[name] = query.TryGetValue(name, out var v) ? v.Trim('/') : Js.Undefined;
        return result;
    }

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var key = Decode(eq < 0 ? part : part[..eq]);
            if (!result.ContainsKey(key)) result[key] = Decode(eq < 0 ? "" : part[(eq + 1)..]);
        }
        return result;

        static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
    }

    /// <summary>@backstage/catalog-model parseEntityRef.</summary>
    public static JsObject ParseEntityRef(object? reference, object? context)
    {
        if (!Js.Truthy(reference)) throw new JsError("Entity reference must not be empty");
        var defaultKind = JsOperators.Member(context, "defaultKind");
        var defaultNamespace = JsOperators.Member(context, "defaultNamespace") is var ns && Js.Truthy(ns) ? ns : "default";
        object? kind, @namespace, name;
        if (reference is string text)
        {
            var colon = text.IndexOf(':');
            var slash = text.IndexOf('/');
            if (slash != -1 && slash < colon) colon = -1;
            kind = colon == -1 ? Js.Undefined : text[..colon];
            @namespace = slash == -1 ? Js.Undefined : text[(colon + 1)..slash];
            name = text[Math.Max(colon + 1, slash + 1)..];
            if ("".Equals(kind) || "".Equals(@namespace) || "".Equals(name))
                throw new JsError($"Entity reference \"{text}\" was not on the form [<kind>:][<namespace>/]<name>");
        }
        else
        {
            kind = JsOperators.Member(reference, "kind");
            @namespace = JsOperators.Member(reference, "namespace");
            name = JsOperators.Member(reference, "name");
        }
        kind = Js.IsNullish(kind) ? defaultKind : kind;
        @namespace = Js.IsNullish(@namespace) ? defaultNamespace : @namespace;
        var textual = JsJson.Stringify(reference);
        if (!Js.Truthy(kind)) throw new JsError($"Entity reference {textual} had missing or empty kind (e.g. did not start with \"component:\" or similar)");
        if (!Js.Truthy(@namespace)) throw new JsError($"Entity reference {textual} had missing or empty namespace");
        if (!Js.Truthy(name)) throw new JsError($"Entity reference {textual} had missing or empty name");
        return new JsObject { ["kind"] = kind, ["namespace"] = @namespace, ["name"] = name };
    }

    /// <summary>lodash.get(object, path): dots and [index] segments; undefined when any step is missing.</summary>
    public static object? LodashGet(object? target, string path)
    {
        foreach (var raw in path.Replace("[", ".").Replace("]", "").Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var part = raw.Trim('"', '\'');
            target = target switch
            {
                JsObject o => o.TryGetValue(part, out var v) ? v : Js.Undefined,
                JsArray a => int.TryParse(part, out var i) && i >= 0 && i < a.Count ? a[i] : part == "length" ? (double)a.Count : Js.Undefined,
                string s when part == "length" => (double)s.Length,
                _ => Js.Undefined,
            };
            if (target is JsUndefined) break;
        }
        return target;
    }

}
