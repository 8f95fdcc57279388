using Fawkes.Portal.Features.Dojo.Certificates;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Progress;

namespace Fawkes.Portal.Features.Dojo.Team;

public sealed record TeamMember(string Login, string DisplayName);

/// <summary>Everything stored about one learner that the team view needs.</summary>
public sealed record LearnerActivity(
    IReadOnlyList<DojoPartRead> PartsRead, IReadOnlyList<DojoQuizAttempt> QuizAttempts, IReadOnlyList<DojoLabResult> LabResults,
    IReadOnlyList<DojoBeltAttempt> BeltAttempts, IReadOnlyList<DojoCertificate> Certificates)
{
    public static readonly LearnerActivity None = new([], [], [], [], []);
}

/// <param name="Belt">The highest belt held (a certificate not revoked); null for none yet.</param>
/// <param name="WorkingOn">The first belt in curriculum order without a certificate; null when every belt is held.</param>
/// <param name="StuckOn">The module attempted most recently (quiz or lab) that is not passed yet.</param>
public sealed record MemberProgress(
    string Login, string DisplayName, string? Belt, string? WorkingOn, int ModulesPassed, int Modules, string? StuckOn,
    DateTimeOffset? LastActivity);

/// <summary>A team's Dojo standing; <see cref="Distribution"/> counts members by belt held ("none" first, then belt order).</summary>
public sealed record TeamProgress(string Team, IReadOnlyList<MemberProgress> Members, IReadOnlyList<BeltCount> Distribution);

public sealed record BeltCount(string Belt, int Members);

/// <summary>Pure: the team view from the curriculum and the members' stored rows.</summary>
public static class TeamProgressCalculator
{
    public const string NoBelt = "none";

    public static TeamProgress Compute(string team, Curriculum curriculum, IReadOnlyList<TeamMember> members,
        IReadOnlyDictionary<string, LearnerActivity> activity)
    {
        ArgumentNullException.ThrowIfNull(curriculum);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(activity);
        var rows = members.Select(m => Member(curriculum, m, activity.GetValueOrDefault(m.Login) ?? LearnerActivity.None))
            .OrderBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
        var distribution = new[] { NoBelt }.Concat(curriculum.Belts.Select(b => b.Id))
            .Select(b => new BeltCount(b, rows.Count(r => (r.Belt ?? NoBelt) == b))).ToList();
        return new TeamProgress(team, rows, distribution);
    }

    public static MemberProgress Member(Curriculum curriculum, TeamMember member, LearnerActivity a)
    {
        ArgumentNullException.ThrowIfNull(curriculum);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(a);
        var held = a.Certificates.Where(c => !c.Revoked).Select(c => c.Belt).ToHashSet(StringComparer.Ordinal);
        var belt = curriculum.Belts.LastOrDefault(b => held.Contains(b.Id))?.Id;
        var workingOn = curriculum.Belts.FirstOrDefault(b => !held.Contains(b.Id))?.Id;
        var record = new CompletionRecord(a.QuizAttempts, a.LabResults, a.BeltAttempts);
        var passed = curriculum.Modules.Where(m => BeltCompletion.ModulePassed(curriculum, m, record)).Select(m => m.Id)
            .ToHashSet(StringComparer.Ordinal);
        var stuck = a.QuizAttempts.Select(q => (q.ModuleId, At: q.SubmittedAt))
            .Concat(a.LabResults.Select(l => (l.ModuleId, At: l.CheckedAt)))
            .Where(x => curriculum.Module(x.ModuleId) is not null && !passed.Contains(x.ModuleId))
            .OrderByDescending(x => x.At).Select(x => x.ModuleId).FirstOrDefault();
        var times = a.PartsRead.Select(p => p.ReadAt).Concat(a.QuizAttempts.Select(q => q.SubmittedAt))
            .Concat(a.LabResults.Select(l => l.CheckedAt)).Concat(a.BeltAttempts.Select(b => b.SubmittedAt)).ToList();
        return new MemberProgress(member.Login, member.DisplayName, belt, workingOn, passed.Count, curriculum.Modules.Count, stuck,
            times.Count == 0 ? null : times.Max());
    }
}
