using System.Text.RegularExpressions;
using Fawkes.Portal.Features.Dojo.Content;

namespace Fawkes.Portal.Features.Dojo.Validation;

/// <summary>
/// The authoring rules of docs/dojo-authoring.md that a parser alone cannot check: ids, belts, order, the six timed
/// parts, prerequisites, quizzes, links and recommendations. Errors come in file order, each with its line.
/// </summary>
public static partial class CurriculumValidator
{
    public static readonly string[] PartTitles = ["Objectives", "Theory", "Demo", "Lab", "Knowledge check", "Reflection"];
    public const int MinQuestions = 10;
    public const int ModulesPerBelt = 4;

    /// <summary>Parse errors first, then the rules; an empty list means the folder is valid.</summary>
    public static IReadOnlyList<ContentError> Validate(string root, SiteRoutes routes)
    {
        var load = CurriculumLoader.Load(root);
        return [.. load.Errors, .. Validate(load.Curriculum, routes)];
    }

    public static IReadOnlyList<ContentError> Validate(Curriculum curriculum, SiteRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(curriculum);
        ArgumentNullException.ThrowIfNull(routes);
        var errors = new List<ContentError>();
        errors.AddRange(Belts(curriculum));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var module in curriculum.Modules.OrderBy(m => m.File, StringComparer.Ordinal))
        {
            if (!seen.Add(module.Id))
            {
                errors.Add(new(module.File, module.LineOf("id"), $"id '{module.Id}' is already used by {curriculum.Module(module.Id)!.File}"));
            }
            errors.AddRange(ModuleRules.Check(module, curriculum));
            errors.AddRange(LinkRules.Check(module, curriculum.Root, routes));
        }
        errors.AddRange(ModuleRules.Cycles(curriculum));
        foreach (var quiz in curriculum.Quizzes.OrderBy(q => q.File, StringComparer.Ordinal))
        {
            errors.AddRange(QuizRules.Check(quiz, curriculum));
        }
        foreach (var rule in curriculum.Recommendations)
        {
            foreach (var missing in rule.Modules.Where(m => curriculum.Module(m) is null))
            {
                errors.Add(new(CurriculumLoader.RecommendationsFile, rule.Line, $"rule '{rule.Title}' recommends unknown module '{missing}'"));
            }
        }
        errors.AddRange(AssessmentPools(curriculum));
        return errors;
    }

    private static IEnumerable<ContentError> Belts(Curriculum curriculum)
    {
        var file = CurriculumLoader.BeltsFile;
        foreach (var group in curriculum.Belts.GroupBy(b => b.Id).Where(g => g.Count() > 1))
        {
            yield return new(file, group.Last().Line, $"belt id '{group.Key}' appears twice");
        }
        foreach (var group in curriculum.Belts.GroupBy(b => b.Order).Where(g => g.Count() > 1))
        {
            yield return new(file, group.Last().Line, $"belt order {group.Key} appears twice");
        }
        foreach (var belt in curriculum.Belts)
        {
            if (!IdPattern().IsMatch(belt.Id))
            {
                yield return new(file, belt.Line, $"belt id '{belt.Id}' must be lower-case letters, digits and '-'");
            }
            if (belt.AssessmentQuestions < 1 || belt.AssessmentPassPercent is < 1 or > 100)
            {
                yield return new(file, belt.Line, $"belt '{belt.Id}': assessment needs questions ≥ 1 and passPercent between 1 and 100");
            }
        }
    }

    /// <summary>Checked last: a module or quiz error above is usually why a belt seems short of questions.</summary>
    private static IEnumerable<ContentError> AssessmentPools(Curriculum curriculum)
    {
        foreach (var belt in curriculum.Belts)
        {
            var available = curriculum.ModulesOf(belt.Id).Sum(m => curriculum.QuizOf(m.Id)?.Questions.Count ?? 0);
            if (available > 0 && available < belt.AssessmentQuestions)
            {
                yield return new(CurriculumLoader.BeltsFile, belt.Line,
                    $"belt '{belt.Id}' assessment draws {belt.AssessmentQuestions} questions but its modules' quizzes have only {available}");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    internal static partial Regex IdPattern();

    [GeneratedRegex(@"^(?<nn>\d{2})-[a-z0-9]+(-[a-z0-9]+)*$")]
    internal static partial Regex FileNamePattern();
}
