using Fawkes.Portal.Features.Dojo.Content;

namespace Fawkes.Portal.Features.Dojo.Progress;

/// <param name="HasLab">The module has a lab; then <see cref="LabPassed"/> (some run passed) is needed too.</param>
/// <param name="LabRuns">Lab runs recorded; <paramref name="LastLabService"/> is the service of the newest.</param>
public sealed record ModuleProgress(string ModuleId, IReadOnlySet<string> PartsRead, int Attempts, int? BestScore, bool QuizPassed,
    bool HasLab = false, bool LabPassed = false, int LabRuns = 0, string? LastLabService = null)
{
    /// <summary>What counts for the belt: the quiz passed and, when the module has a lab, the lab passed.</summary>
    public bool Passed => QuizPassed && (!HasLab || LabPassed);
}

public sealed record BeltProgress(string Belt, int ModulesPassed, int Modules, int? BestAssessmentScore, bool AssessmentPassed)
{
    public bool Complete => Modules > 0 && ModulesPassed == Modules && AssessmentPassed;
}

/// <summary>A learner's standing in the curriculum: per module and belt, current belt, next module, streak in days.</summary>
public sealed record LearnerProgress(
    IReadOnlyDictionary<string, ModuleProgress> Modules, IReadOnlyList<BeltProgress> Belts, string? CurrentBelt, string? NextModule,
    int StreakDays, DateOnly? LastActive)
{
    public ModuleProgress For(string moduleId) =>
        Modules.GetValueOrDefault(moduleId) ?? new ModuleProgress(moduleId, new HashSet<string>(), 0, null, false);

    /// <summary>A module's lab status from its recorded runs.</summary>
    private static (bool Passed, int Runs, string? LastService) Lab(LearnerRecord record, string moduleId)
    {
        var runs = record.Labs.Where(l => l.ModuleId == moduleId).ToList();
        return (runs.Any(l => l.Passed), runs.Count, runs.Count == 0 ? null : runs.MaxBy(l => l.CheckedAt)!.ServiceRef);
    }

    /// <summary>Pure: computed from the curriculum, the stored rows and today's date (UTC).</summary>
    public static LearnerProgress Compute(Curriculum curriculum, LearnerRecord record, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(curriculum);
        ArgumentNullException.ThrowIfNull(record);
        var modules = curriculum.Modules.ToDictionary(m => m.Id, m =>
        {
            var attempts = record.QuizAttempts.Where(a => a.ModuleId == m.Id).ToList();
            var lab = Lab(record, m.Id);
            return new ModuleProgress(m.Id,
                record.PartsRead.Where(r => r.ModuleId == m.Id).Select(r => r.Part).ToHashSet(StringComparer.Ordinal),
                attempts.Count, attempts.Count == 0 ? null : attempts.Max(a => a.ScorePercent), attempts.Any(a => a.Passed),
                m.Lab is { Checks.Count: > 0 }, lab.Passed, lab.Runs, lab.LastService);
        }, StringComparer.Ordinal);
        var belts = curriculum.Belts.Select(b =>
        {
            var ids = curriculum.ModulesOf(b.Id).Select(m => m.Id).ToList();
            var attempts = record.BeltAttempts.Where(a => a.Belt == b.Id).ToList();
            return new BeltProgress(b.Id, ids.Count(id => modules[id].Passed), ids.Count,
                attempts.Count == 0 ? null : attempts.Max(a => a.ScorePercent), attempts.Any(a => a.Passed));
        }).ToList();
        var current = belts.FirstOrDefault(b => !b.Complete)?.Belt;
        var next = curriculum.Modules.FirstOrDefault(m => !modules[m.Id].Passed)?.Id;
        var days = record.PartsRead.Select(r => r.ReadAt)
            .Concat(record.QuizAttempts.Select(a => a.SubmittedAt))
            .Concat(record.BeltAttempts.Select(a => a.SubmittedAt))
            .Concat(record.Labs.Select(l => l.CheckedAt))
            .Select(t => DateOnly.FromDateTime(t.UtcDateTime))
            .ToHashSet();
        return new LearnerProgress(modules, belts, current, next, Streak(days, today), days.Count == 0 ? null : days.Max());
    }

    /// <summary>Consecutive days with activity, ending today, or yesterday when today has none yet.</summary>
    public static int Streak(IReadOnlySet<DateOnly> days, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(days);
        var day = days.Contains(today) ? today : today.AddDays(-1);
        var streak = 0;
        while (days.Contains(day))
        {
            streak++;
            day = day.AddDays(-1);
        }
        return streak;
    }
}
