using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Progress;

namespace Fawkes.Portal.Features.Dojo.Certificates;

/// <summary>The stored results that decide whether modules and belts are passed.</summary>
public sealed record CompletionRecord(
    IReadOnlyList<DojoQuizAttempt> QuizAttempts, IReadOnlyList<DojoLabResult> LabResults, IReadOnlyList<DojoBeltAttempt> BeltAttempts);

/// <summary>
/// Pure: when a module and a belt count as passed for a certificate. A module is passed when its quiz was passed (if it
/// has one) and its lab was passed (if it has checks); a belt when it has modules, each is passed, and its assessment was.
/// </summary>
public static class BeltCompletion
{
    public static bool HasLab(DojoModule module) => module.Lab is { Checks.Count: > 0 };

    public static bool ModulePassed(Curriculum curriculum, DojoModule module, CompletionRecord record)
    {
        ArgumentNullException.ThrowIfNull(curriculum);
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(record);
        var quiz = curriculum.QuizOf(module.Id) is null || record.QuizAttempts.Any(a => a.ModuleId == module.Id && a.Passed);
        var lab = !HasLab(module) || record.LabResults.Any(r => r.ModuleId == module.Id && r.Passed);
        return quiz && lab;
    }

    public static bool BeltPassed(Curriculum curriculum, string belt, CompletionRecord record)
    {
        ArgumentNullException.ThrowIfNull(curriculum);
        ArgumentNullException.ThrowIfNull(record);
        var modules = curriculum.ModulesOf(belt).ToList();
        return curriculum.Belt(belt) is not null && modules.Count > 0
            && modules.All(m => ModulePassed(curriculum, m, record))
            && record.BeltAttempts.Any(a => a.Belt == belt && a.Passed);
    }
}
