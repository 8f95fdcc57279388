using Fawkes.Portal.Features.Dojo.Content;

namespace Fawkes.Portal.Features.Dojo.Validation;

/// <summary>One module's front matter and parts against the belts, its quiz and the other modules.</summary>
internal static class ModuleRules
{
    public static IEnumerable<ContentError> Check(DojoModule m, Curriculum curriculum)
    {
        var file = m.File;
        if (!CurriculumValidator.IdPattern().IsMatch(m.Id))
        {
            yield return new(file, m.LineOf("id"), $"id '{m.Id}' must be lower-case letters, digits and '-' (e.g. white-dora-metrics)");
        }
        if (curriculum.Belt(m.Belt) is null)
        {
            yield return new(file, m.LineOf("belt"), $"unknown belt '{m.Belt}' (belts.yaml has: {string.Join(", ", curriculum.Belts.Select(b => b.Id))})");
        }
        var folder = Path.GetDirectoryName(file)?.Replace('\\', '/');
        if (folder != m.Belt)
        {
            yield return new(file, m.LineOf("belt"), $"a '{m.Belt}' module belongs in the folder '{m.Belt}/', not '{folder}/'");
        }
        if (m.Order is < 1 or > CurriculumValidator.ModulesPerBelt)
        {
            yield return new(file, m.LineOf("order"), $"order must be 1..{CurriculumValidator.ModulesPerBelt}, not {m.Order}");
        }
        else if (curriculum.ModulesOf(m.Belt).FirstOrDefault(o => o.Order == m.Order && o.File != file) is { } twin
            && string.CompareOrdinal(twin.File, file) < 0)
        {
            yield return new(file, m.LineOf("order"), $"order {m.Order} of belt '{m.Belt}' is already taken by {twin.File}");
        }
        var name = Path.GetFileNameWithoutExtension(file);
        var match = CurriculumValidator.FileNamePattern().Match(name);
        if (!match.Success)
        {
            yield return new(file, 1, $"a module file is named NN-slug.md (e.g. 0{m.Order}-dora-metrics.md), not '{name}.md'");
        }
        else if (int.Parse(match.Groups["nn"].Value, System.Globalization.CultureInfo.InvariantCulture) != m.Order)
        {
            yield return new(file, m.LineOf("order"), $"the file name starts with {match.Groups["nn"].Value} but order is {m.Order}");
        }
        if (m.Objectives.Count == 0)
        {
            yield return new(file, m.LineOf("objectives"), "'objectives' needs at least one objective");
        }
        foreach (var error in Parts(m))
        {
            yield return error;
        }
        foreach (var p in m.Prerequisites)
        {
            if (p == m.Id)
            {
                yield return new(file, m.LineOf("prerequisites"), "a module cannot be its own prerequisite");
            }
            else if (curriculum.Module(p) is null)
            {
                yield return new(file, m.LineOf("prerequisites"), $"prerequisite '{p}' is not a module id");
            }
        }
        if (m.Lab is { Checks.Count: 0 })
        {
            yield return new(file, m.LineOf("lab"), "'lab' needs at least one check (or leave 'lab' out)");
        }
        // A quiz file beside the module that names another module is reported by QuizRules, at the quiz's line.
        if (curriculum.QuizOf(m.Id) is null && !curriculum.Quizzes.Any(q => q.File == file[..^3] + CurriculumLoader.QuizSuffix))
        {
            yield return new(file, 1, $"no quiz for '{m.Id}': add {Path.ChangeExtension(file, null)}{CurriculumLoader.QuizSuffix} with 'module: {m.Id}'");
        }
    }

    private static IEnumerable<ContentError> Parts(DojoModule m)
    {
        var expected = CurriculumValidator.PartTitles;
        for (var i = 0; i < Math.Max(expected.Length, m.Parts.Count); i++)
        {
            if (i >= m.Parts.Count)
            {
                yield return new(m.File, m.BodyLine, $"part '{expected[i]}' is missing: a module has six parts, {string.Join(", ", expected)}");
                yield break;
            }
            var part = m.Parts[i];
            if (i >= expected.Length)
            {
                yield return new(m.File, part.Line, $"'## {part.Title}' is a seventh part; use ### for sub-headings inside a part");
                yield break;
            }
            if (!string.Equals(part.Title, expected[i], StringComparison.OrdinalIgnoreCase))
            {
                yield return new(m.File, part.Line, $"part {i + 1} must be '## {expected[i]} (N min)', not '## {part.Title}'");
                yield break;
            }
            if (part.Minutes is null or 0)
            {
                yield return new(m.File, part.Line, $"part '{part.Title}' needs its time, e.g. '## {expected[i]} (10 min)'");
                yield break;
            }
        }
        var sum = m.Parts.Sum(p => p.Minutes ?? 0);
        if (sum != m.Minutes)
        {
            yield return new(m.File, m.LineOf("minutes"), $"minutes is {m.Minutes} but the six parts add up to {sum}");
        }
    }

    /// <summary>Prerequisite cycles, reported once at the module where the walk came back round.</summary>
    public static IEnumerable<ContentError> Cycles(Curriculum curriculum)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the path, 2 = done
        var errors = new List<ContentError>();
        void Visit(DojoModule m, List<string> path)
        {
            state[m.Id] = 1;
            path.Add(m.Id);
            foreach (var p in m.Prerequisites.Select(curriculum.Module).OfType<DojoModule>().Where(p => p.Id != m.Id))
            {
                if (state.GetValueOrDefault(p.Id) == 1)
                {
                    var cycle = string.Join(" → ", path.SkipWhile(x => x != p.Id).Append(p.Id));
                    errors.Add(new(m.File, m.LineOf("prerequisites"), $"prerequisites form a cycle: {cycle}"));
                }
                else if (state.GetValueOrDefault(p.Id) == 0)
                {
                    Visit(p, path);
                }
            }
            path.RemoveAt(path.Count - 1);
            state[m.Id] = 2;
        }
        foreach (var m in curriculum.Modules.Where(m => !state.ContainsKey(m.Id)))
        {
            Visit(m, []);
        }
        return errors;
    }
}
