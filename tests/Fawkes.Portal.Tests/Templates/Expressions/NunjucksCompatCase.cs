using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Expressions;

namespace Fawkes.Portal.Tests.Templates.Expressions;

/// <summary>One row of cases.json and how our engine answers it, in the same shape render.mjs records nunjucks' answer.</summary>
public sealed record NunjucksCompatCase(string Name, JsonObject Row)
{
    private static readonly NunjucksEngine Backstage = new(NunjucksSyntax.Backstage);
    private static readonly NunjucksEngine Cookiecutter = new(NunjucksSyntax.Cookiecutter);

    public static IReadOnlyList<NunjucksCompatCase> All { get; } = Load();

    private static List<NunjucksCompatCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Templates", "Expressions", "cases.json");
        var rows = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        return rows.Select(r => new NunjucksCompatCase((string)r!["name"]!, r.AsObject())).ToList();
    }

    public static NunjucksCompatCase Named(string name) => All.Single(c => c.Name == name);

    /// <summary>What real nunjucks produced: {output}, {json} or {error}.</summary>
    public JsonObject? Expected => Row["expected"]?.AsObject();

    public JsonObject Actual()
    {
        var context = Row["context"]!.AsObject();
        try
        {
            if (Row.ContainsKey("input"))
                return new JsonObject { ["json"] = BackstageInputRenderer.Render(Row["input"], context, Name) };
            var options = Row["options"];
            var renderOptions = new RenderOptions
            {
                StrictUndefined = options?["strict"]?.GetValue<bool>() ?? false,
                TrimBlocks = options?["trimBlocks"]?.GetValue<bool>() ?? false,
                LstripBlocks = options?["lstripBlocks"]?.GetValue<bool>() ?? false,
            };
            var engine = options?["cookiecutterCompat"]?.GetValue<bool>() == true ? Cookiecutter : Backstage;
            return new JsonObject { ["output"] = engine.Render((string)Row["template"]!, context, Name, renderOptions) };
        }
        catch (TemplateException e)
        {
            return new JsonObject { ["error"] = $"{e.GetType().Name}: {e.Message}" };
        }
    }

    /// <summary>Same kind of answer and, unless both are errors, the same value.</summary>
    public static bool Matches(JsonObject? expected, JsonObject actual)
    {
        if (expected is null) return false;
        if (expected.ContainsKey("error")) return actual.ContainsKey("error");
        if (expected.ContainsKey("json")) return actual.ContainsKey("json") && JsonNode.DeepEquals(Normalize(expected["json"]), Normalize(actual["json"]));
        return actual.ContainsKey("output") && (string?)expected["output"] == (string?)actual["output"];
    }

    // Numbers compare by value: 8080 and 8080.0 are one JavaScript number.
    private static JsonNode? Normalize(JsonNode? node) => node is null ? null : JsonNode.Parse(JsonSerializer.Serialize(
        JsonSerializer.Deserialize<JsonElement>(node.ToJsonString()), new JsonSerializerOptions { WriteIndented = false }));

    public override string ToString() => Name;
}
