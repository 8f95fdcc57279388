using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Fawkes.Portal.Features.Dojo.Content;

/// <summary>A module file: YAML front matter between <c>---</c> lines, then Markdown whose level-2 headings are the parts.</summary>
internal static partial class ModuleParser
{
    private static readonly string[] FrontMatterFields =
        ["id", "belt", "order", "title", "minutes", "prerequisites", "doraCapabilities", "objectives", "lab"];

    public static DojoModule? Parse(string file, string text, List<ContentError> errors)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            errors.Add(new ContentError(file, 1, "a module starts with YAML front matter between two '---' lines"));
            return null;
        }
        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            errors.Add(new ContentError(file, 1, "the front matter is not closed by a '---' line"));
            return null;
        }
        var before = errors.Count;
        var fields = new YamlFields(file, lineOffset: 1, errors);
        var map = fields.Parse(string.Join('\n', lines[1..end]));
        if (map is null)
        {
            return null;
        }
        fields.OnlyKeys(map, "the front matter", FrontMatterFields);
        var fieldLines = map.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value ?? "", c => fields.Line(c.Key), StringComparer.Ordinal);
        var id = fields.String(map, "id", required: true);
        var belt = fields.String(map, "belt", required: true);
        var order = fields.Int(map, "order", required: true);
        var title = fields.String(map, "title", required: true);
        var minutes = fields.Int(map, "minutes", required: true);
        var prerequisites = fields.Strings(map, "prerequisites");
        var capabilities = fields.Strings(map, "doraCapabilities");
        var objectives = fields.Strings(map, "objectives", required: true);
        var lab = YamlFields.Get(map, "lab") is YamlMappingNode labNode ? ReadLab(labNode, fields) : null;
        if (YamlFields.Get(map, "lab") is { } other and not YamlMappingNode)
        {
            fields.Error(other, "'lab' must be a mapping with 'title' and 'checks'");
        }
        var bodyLine = end + 2;
        var markdown = string.Join('\n', lines[(end + 1)..]);
        var parts = Parts(lines, end + 1);
        if (errors.Count > before || id is null || belt is null || order is null || title is null || minutes is null)
        {
            return null;
        }
        return new DojoModule(id, belt, order.Value, title, minutes.Value, prerequisites, capabilities, objectives, lab, parts,
            markdown, bodyLine, file, fieldLines);
    }

    private static DojoLab ReadLab(YamlMappingNode node, YamlFields fields)
    {
        fields.OnlyKeys(node, "'lab'", "title", "checks");
        var title = fields.String(node, "title", required: true) ?? "";
        var checks = fields.Mappings(node, "checks", required: true).Select(c => LabCheckTypes.Read(c, fields)).OfType<LabCheck>().ToList();
        return new DojoLab(title, checks);
    }

    /// <summary>Level-2 headings outside fenced code, with their line in the file (1-based).</summary>
    private static List<ModulePart> Parts(string[] lines, int start)
    {
        var parts = new List<ModulePart>();
        string? fence = null;
        for (var i = start; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                var marker = trimmed[..3];
                fence = fence is null ? marker : (fence == marker ? null : fence);
                continue;
            }
            if (fence is null && PartHeading().Match(lines[i]) is { Success: true } m)
            {
                var minutes = m.Groups["min"].Success ? int.Parse(m.Groups["min"].Value, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
                parts.Add(new ModulePart(m.Groups["title"].Value.Trim(), minutes, i + 1));
            }
        }
        return parts;
    }

    [GeneratedRegex(@"^##\s+(?<title>.+?)(\s*\((?<min>\d+)\s*min\))?\s*#*\s*$")]
    private static partial Regex PartHeading();
}
