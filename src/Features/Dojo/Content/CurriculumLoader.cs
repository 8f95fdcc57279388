namespace Fawkes.Portal.Features.Dojo.Content;

public sealed record CurriculumLoad(Curriculum Curriculum, IReadOnlyList<ContentError> Errors);

/// <summary>
/// Reads a content folder (<c>belts.yaml</c>, <c>recommendations.yaml</c>, <c>&lt;belt&gt;/NN-slug.md</c> and
/// <c>&lt;belt&gt;/NN-slug.quiz.yaml</c>) into a <see cref="Curriculum"/>. Files that fail to parse are left out and
/// reported; the rules that span files are <see cref="Validation.CurriculumValidator"/>'s.
/// </summary>
public static class CurriculumLoader
{
    public const string BeltsFile = "belts.yaml";
    public const string RecommendationsFile = "recommendations.yaml";
    public const string QuizSuffix = ".quiz.yaml";

    public static CurriculumLoad Load(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var errors = new List<ContentError>();
        if (!Directory.Exists(root))
        {
            errors.Add(new ContentError(root, 1, "the content folder does not exist"));
            return new CurriculumLoad(Curriculum.Empty, errors);
        }
        var beltsPath = Path.Combine(root, BeltsFile);
        var belts = File.Exists(beltsPath) ? IndexParser.Belts(BeltsFile, File.ReadAllText(beltsPath), errors) : [];
        if (!File.Exists(beltsPath))
        {
            errors.Add(new ContentError(BeltsFile, 1, "belts.yaml is missing: it lists the belts and their assessments"));
        }
        var recommendationsPath = Path.Combine(root, RecommendationsFile);
        var recommendations = File.Exists(recommendationsPath)
            ? IndexParser.Recommendations(RecommendationsFile, File.ReadAllText(recommendationsPath), errors)
            : [];
        var modules = new List<DojoModule>();
        var quizzes = new List<DojoQuiz>();
        foreach (var path in ContentFiles(root))
        {
            var relative = Relative(root, path);
            var text = File.ReadAllText(path);
            if (path.EndsWith(QuizSuffix, StringComparison.Ordinal))
            {
                if (QuizParser.Parse(relative, text, errors) is { } quiz)
                {
                    quizzes.Add(quiz);
                }
            }
            else if (ModuleParser.Parse(relative, text, errors) is { } module)
            {
                modules.Add(module);
            }
        }
        return new CurriculumLoad(new Curriculum(root, belts, modules, quizzes, recommendations), errors);
    }

    /// <summary>Whether a folder holds any module yet (the repository's content may still be on its way).</summary>
    public static bool HasModules(string root) => Directory.Exists(root) && ContentFiles(root).Any(f => f.EndsWith(".md", StringComparison.Ordinal));

    /// <summary>Modules and quizzes: <c>.md</c> and <c>.quiz.yaml</c> files one folder down (a belt's folder), in name order.</summary>
    private static IEnumerable<string> ContentFiles(string root) =>
        Directory.EnumerateDirectories(root)
            .Where(d => !Path.GetFileName(d).StartsWith('.'))
            .SelectMany(d => Directory.EnumerateFiles(d))
            .Where(f => f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(QuizSuffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
