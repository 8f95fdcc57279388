using YamlDotNet.RepresentationModel;

namespace Fawkes.Portal.Features.Dojo.Content;

/// <summary>A module's quiz file (<c>NN-slug.quiz.yaml</c>); structure only, the rules are in the validator.</summary>
internal static class QuizParser
{
    public static DojoQuiz? Parse(string file, string text, List<ContentError> errors)
    {
        var before = errors.Count;
        var fields = new YamlFields(file, 0, errors);
        var map = fields.Parse(text);
        if (map is null)
        {
            return null;
        }
        fields.OnlyKeys(map, "a quiz", "module", "passPercent", "questions");
        var module = fields.String(map, "module", required: true);
        var pass = fields.Int(map, "passPercent", required: false) ?? DojoQuiz.DefaultPassPercent;
        if (pass is < 1 or > 100)
        {
            fields.Error(YamlFields.Get(map, "passPercent")!, $"'passPercent' must be between 1 and 100, not {pass}");
        }
        var questions = fields.Mappings(map, "questions", required: true).Select(q => Question(q, fields)).OfType<QuizQuestion>().ToList();
        return errors.Count > before || module is null ? null : new DojoQuiz(module, pass, questions, file, fields.Line(map));
    }

    private static QuizQuestion? Question(YamlMappingNode node, YamlFields fields)
    {
        fields.OnlyKeys(node, "a question", "id", "type", "text", "options", "explanation");
        var id = fields.String(node, "id", required: true);
        var type = fields.String(node, "type", required: true);
        var text = fields.String(node, "text", required: true);
        var explanation = fields.String(node, "explanation", required: true);
        if (type is not null and not QuizQuestion.Single and not QuizQuestion.Multiple)
        {
            fields.Error(YamlFields.Get(node, "type")!, $"question type must be 'single' or 'multiple', not '{type}'");
        }
        var options = new List<QuizOption>();
        foreach (var o in fields.Mappings(node, "options", required: true))
        {
            fields.OnlyKeys(o, "an option", "id", "text", "correct", "explanation");
            var optionId = fields.String(o, "id", required: true);
            var optionText = fields.String(o, "text", required: true);
            if (optionId is not null && optionText is not null)
            {
                options.Add(new QuizOption(optionId, optionText, fields.Bool(o, "correct") ?? false, fields.String(o, "explanation", false)));
            }
        }
        return id is null || type is null || text is null || explanation is null
            ? null
            : new QuizQuestion(id, type, text, options, explanation, fields.Line(node));
    }
}
