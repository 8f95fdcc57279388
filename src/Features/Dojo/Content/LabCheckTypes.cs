using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Fawkes.Portal.Features.Dojo.Content;

public enum LabParameterKind { Bool, Int, Number, Text, TextList }

public sealed record LabParameter(string Name, LabParameterKind Kind, bool Required = false);

/// <summary>
/// The lab check types the portal knows, with the parameters content may give each. Check types are code; a module
/// naming another type, or a parameter a type does not take, fails validation (docs/dojo-authoring.md, "Lab checks").
/// </summary>
public static class LabCheckTypes
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<LabParameter>> All = new Dictionary<string, IReadOnlyList<LabParameter>>
    {
        ["entity"] = [new("annotations", LabParameterKind.TextList), new("requireOwner", LabParameterKind.Bool)],
        ["kubernetes"] = [new("requireNoProblems", LabParameterKind.Bool)],
        ["argocd"] = [],
        ["jenkins"] = [],
        ["sonarqube"] = [],
        ["dora-events"] = [new("days", LabParameterKind.Int), new("minDeployments", LabParameterKind.Int),
            new("maxLeadTimeHours", LabParameterKind.Number)],
        ["template-run"] = [new("template", LabParameterKind.Text)],
        ["http"] = [new("url", LabParameterKind.Text, Required: true), new("status", LabParameterKind.Int)],
    };

    /// <summary>Reads one check; parameters become bool, int, double, string or string[] by their declared kind.</summary>
    internal static LabCheck? Read(YamlMappingNode node, YamlFields fields)
    {
        var type = fields.String(node, "type", required: true);
        if (type is null)
        {
            return null;
        }
        if (!All.TryGetValue(type, out var spec))
        {
            fields.Error(node, $"unknown lab check type '{type}' (known: {string.Join(", ", All.Keys)})");
            return null;
        }
        var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in node.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (key == "type")
            {
                continue;
            }
            var parameter = spec.FirstOrDefault(p => p.Name == key);
            if (parameter is null)
            {
                var allowed = spec.Count == 0 ? "it takes none" : $"it takes {string.Join(", ", spec.Select(p => p.Name))}";
                fields.Error(keyNode, $"lab check '{type}' has no parameter '{key}' ({allowed})");
                continue;
            }
            if (Convert(valueNode, parameter.Kind) is { } value)
            {
                parameters[key] = value;
            }
            else
            {
                fields.Error(valueNode, $"lab check '{type}': '{key}' must be {Describe(parameter.Kind)}");
            }
        }
        foreach (var missing in spec.Where(p => p.Required && !parameters.ContainsKey(p.Name)))
        {
            fields.Error(node, $"lab check '{type}' needs '{missing.Name}'");
        }
        if (type == "http" && parameters.GetValueOrDefault("url") is string url
            && !(url.StartsWith("http://", StringComparison.Ordinal) || url.StartsWith("https://", StringComparison.Ordinal)))
        {
            fields.Error(node, $"lab check 'http': url '{url}' must start with http:// or https://");
        }
        return new LabCheck(type, parameters, fields.Line(node));
    }

    private static object? Convert(YamlNode node, LabParameterKind kind)
    {
        var text = (node as YamlScalarNode)?.Value;
        return kind switch
        {
            LabParameterKind.Bool => bool.TryParse(text, out var b) ? b : null,
            LabParameterKind.Int => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 ? i : null,
            LabParameterKind.Number => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 ? d : null,
            LabParameterKind.Text => string.IsNullOrWhiteSpace(text) ? null : text,
            LabParameterKind.TextList => node is YamlSequenceNode seq && seq.All(n => n is YamlScalarNode { Value.Length: > 0 })
                ? seq.Select(n => ((YamlScalarNode)n).Value!).ToArray()
                : null,
            _ => null,
        };
    }

    private static string Describe(LabParameterKind kind) => kind switch
    {
        LabParameterKind.Bool => "true or false",
        LabParameterKind.Int => "a whole number ≥ 0",
        LabParameterKind.Number => "a number ≥ 0",
        LabParameterKind.Text => "text",
        _ => "a list of texts",
    };
}
