namespace Fawkes.Portal.Features.Dojo.Content;

/// <summary>A problem in a content file: <c>file:line: message</c>, the file relative to the content folder.</summary>
public sealed record ContentError(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

public sealed record DojoBelt(string Id, string Title, int Order, int AssessmentQuestions, int AssessmentPassPercent, int Line);

/// <summary>A level-2 heading of a module with its time; <see cref="Minutes"/> is null when the heading has none.</summary>
public sealed record ModulePart(string Title, int? Minutes, int Line);

/// <summary>A lab check: its type is code (<see cref="LabCheckTypes"/>), its parameters are content.</summary>
public sealed record LabCheck(string Type, IReadOnlyDictionary<string, object> Parameters, int Line);

public sealed record DojoLab(string Title, IReadOnlyList<LabCheck> Checks);

public sealed record DojoModule(
    string Id, string Belt, int Order, string Title, int Minutes,
    IReadOnlyList<string> Prerequisites, IReadOnlyList<string> DoraCapabilities, IReadOnlyList<string> Objectives,
    DojoLab? Lab, IReadOnlyList<ModulePart> Parts, string Markdown, int BodyLine, string File,
    IReadOnlyDictionary<string, int> FieldLines)
{
    /// <summary>The line of a front-matter field (or of the front matter's start when the field is missing).</summary>
    public int LineOf(string field) => FieldLines.TryGetValue(field, out var line) ? line : 1;
}

public sealed record QuizOption(string Id, string Text, bool Correct, string? Explanation);

public sealed record QuizQuestion(string Id, string Type, string Text, IReadOnlyList<QuizOption> Options, string Explanation, int Line)
{
    public const string Single = "single";
    public const string Multiple = "multiple";
}

public sealed record DojoQuiz(string Module, int PassPercent, IReadOnlyList<QuizQuestion> Questions, string File, int Line)
{
    public const int DefaultPassPercent = 80;
}

public sealed record Recommendation(
    string Metric, IReadOnlyList<string> Levels, string Title, IReadOnlyList<string> Modules, IReadOnlyList<string> GoldenPathChanges, int Line);

/// <summary>An immutable snapshot of <c>content/dojo</c>; a reload builds a new one and swaps it whole.</summary>
public sealed class Curriculum
{
    public static readonly Curriculum Empty = new("", [], [], [], []);

    public Curriculum(string root, IReadOnlyList<DojoBelt> belts, IReadOnlyList<DojoModule> modules,
        IReadOnlyList<DojoQuiz> quizzes, IReadOnlyList<Recommendation> recommendations)
    {
        Root = root;
        Belts = [.. belts.OrderBy(b => b.Order)];
        var beltOrder = Belts.Select((b, i) => (b.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        Modules = [.. modules.OrderBy(m => beltOrder.GetValueOrDefault(m.Belt, int.MaxValue)).ThenBy(m => m.Order)];
        Quizzes = quizzes;
        Recommendations = recommendations;
        _modules = Modules.GroupBy(m => m.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _quizzes = quizzes.GroupBy(q => q.Module, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    private readonly Dictionary<string, DojoModule> _modules;
    private readonly Dictionary<string, DojoQuiz> _quizzes;

    public string Root { get; }
    public IReadOnlyList<DojoBelt> Belts { get; }
    /// <summary>In curriculum order: by belt, then by order within the belt.</summary>
    public IReadOnlyList<DojoModule> Modules { get; }
    public IReadOnlyList<DojoQuiz> Quizzes { get; }
    public IReadOnlyList<Recommendation> Recommendations { get; }

    public DojoModule? Module(string id) => _modules.GetValueOrDefault(id);

    public DojoQuiz? QuizOf(string moduleId) => _quizzes.GetValueOrDefault(moduleId);

    public DojoBelt? Belt(string id) => Belts.FirstOrDefault(b => b.Id == id);

    public IEnumerable<DojoModule> ModulesOf(string belt) => Modules.Where(m => m.Belt == belt);

    /// <summary>The module before and after this one in curriculum order (across belts).</summary>
    public (DojoModule? Previous, DojoModule? Next) Neighbours(string id)
    {
        var i = Modules.ToList().FindIndex(m => m.Id == id);
        return i < 0 ? (null, null) : (i > 0 ? Modules[i - 1] : null, i + 1 < Modules.Count ? Modules[i + 1] : null);
    }
}
