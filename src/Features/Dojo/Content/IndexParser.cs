namespace Fawkes.Portal.Features.Dojo.Content;

/// <summary><c>belts.yaml</c> and <c>recommendations.yaml</c>.</summary>
internal static class IndexParser
{
    public static readonly string[] Metrics = ["deploymentFrequency", "leadTime", "changeFailureRate", "recoveryTime", "reworkRate"];
    public static readonly string[] Levels = ["low", "medium", "high", "elite"];

    public static List<DojoBelt> Belts(string file, string text, List<ContentError> errors)
    {
        var fields = new YamlFields(file, 0, errors);
        var belts = new List<DojoBelt>();
        if (fields.Parse(text) is not { } map)
        {
            return belts;
        }
        fields.OnlyKeys(map, "belts.yaml", "belts");
        foreach (var b in fields.Mappings(map, "belts", required: true))
        {
            fields.OnlyKeys(b, "a belt", "id", "title", "order", "assessment");
            var id = fields.String(b, "id", true);
            var title = fields.String(b, "title", true);
            var order = fields.Int(b, "order", true);
            var assessment = YamlFields.Get(b, "assessment") as YamlDotNet.RepresentationModel.YamlMappingNode;
            if (assessment is null)
            {
                fields.Error(b, $"belt '{id}' needs 'assessment: {{ questions: N, passPercent: P }}'");
                continue;
            }
            fields.OnlyKeys(assessment, "an assessment", "questions", "passPercent");
            var questions = fields.Int(assessment, "questions", true);
            var pass = fields.Int(assessment, "passPercent", true);
            if (id is not null && title is not null && order is not null && questions is not null && pass is not null)
            {
                belts.Add(new DojoBelt(id, title, order.Value, questions.Value, pass.Value, fields.Line(b)));
            }
        }
        return belts;
    }

    public static List<Recommendation> Recommendations(string file, string text, List<ContentError> errors)
    {
        var fields = new YamlFields(file, 0, errors);
        var rules = new List<Recommendation>();
        if (fields.Parse(text) is not { } map)
        {
            return rules;
        }
        fields.OnlyKeys(map, "recommendations.yaml", "rules");
        foreach (var r in fields.Mappings(map, "rules", required: true))
        {
            fields.OnlyKeys(r, "a rule", "metric", "levels", "title", "modules", "goldenPathChanges");
            var metric = fields.String(r, "metric", true);
            var title = fields.String(r, "title", true);
            var levels = fields.Strings(r, "levels", required: true);
            if (metric is not null && !Metrics.Contains(metric, StringComparer.Ordinal))
            {
                fields.Error(r, $"unknown metric '{metric}' (known: {string.Join(", ", Metrics)})");
            }
            foreach (var level in levels.Where(l => !Levels.Contains(l, StringComparer.Ordinal)))
            {
                fields.Error(r, $"unknown level '{level}' (known: {string.Join(", ", Levels)})");
            }
            if (metric is not null && title is not null)
            {
                rules.Add(new Recommendation(metric, levels, title, fields.Strings(r, "modules"), fields.Strings(r, "goldenPathChanges"), fields.Line(r)));
            }
        }
        return rules;
    }
}
