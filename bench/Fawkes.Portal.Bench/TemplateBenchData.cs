using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Bench;

/// <summary>The templates the template bench dry-runs: a skeleton of N templated files (text, <c>if</c>, <c>for</c>,
/// templated names), as the dry-run API takes it (template entity as JSON, files as base64).</summary>
internal static class TemplateBenchData
{
    public static JsonObject DryRunBody(int files, string name)
    {
        var template = new JsonObject
        {
            ["apiVersion"] = "scaffolder.backstage.io/v1beta3",
            ["kind"] = "Template",
            ["metadata"] = new JsonObject { ["name"] = $"bench-{files}-files" },
            ["spec"] = new JsonObject
            {
                ["owner"] = "platform-team",
                ["type"] = "service",
                ["parameters"] = new JsonArray(new JsonObject
                {
                    ["required"] = new JsonArray("name"),
                    ["properties"] = new JsonObject { ["name"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[a-z][a-z0-9-]*$" } },
                }),
                ["steps"] = new JsonArray(new JsonObject
                {
                    ["id"] = "fetch",
                    ["action"] = "fetch:template",
                    ["input"] = new JsonObject
                    {
                        ["url"] = "./skeleton",
                        ["values"] = new JsonObject { ["name"] = "${{ parameters.name }}", ["enabled"] = true, ["tags"] = new JsonArray("api", "python", "team") },
                    },
                }),
                ["output"] = new JsonObject { ["text"] = new JsonArray(new JsonObject { ["title"] = "Name", ["content"] = "${{ parameters.name }}" }) },
            },
        };
        var contents = new JsonArray();
        for (var i = 0; i < files; i++)
        {
            contents.Add(new JsonObject
            {
                ["path"] = $"skeleton/src/module{i % 10}/${{{{ values.name }}}}_{i.ToString(CultureInfo.InvariantCulture)}.py",
                ["base64Content"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(File(i))),
            });
        }
        return new JsonObject { ["template"] = template, ["values"] = new JsonObject { ["name"] = name }, ["directoryContents"] = contents };
    }

    /// <summary>About 2 KB of a Python module with a few expressions, a condition and a loop.</summary>
    private static string File(int i)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"\"\"\"${{{{ values.name }}}} module {i}.\"\"\"\n");
        text.Append("{% if values.enabled %}ENABLED = True{% else %}ENABLED = False{% endif %}\n");
        text.Append("TAGS = [\n{%- for tag in values.tags %}\n    \"${{ tag | upper }}\",\n{%- endfor %}\n]\n\n");
        for (var f = 0; f < 12; f++)
        {
            text.Append(CultureInfo.InvariantCulture, $"def handler_{f}(request):\n    \"\"\"Handles call {f} of ${{{{ values.name }}}}.\"\"\"\n    return {{\"service\": \"${{{{ values.name }}}}\", \"n\": {f}}}\n\n");
        }
        return text.ToString();
    }
}
