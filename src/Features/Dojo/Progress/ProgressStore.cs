using System.Text.Json;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dojo.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Dojo.Progress;

/// <summary>Everything stored about one learner, as read from the database.</summary>
public sealed record LearnerRecord(
    IReadOnlyList<DojoPartRead> PartsRead, IReadOnlyList<DojoQuizAttempt> QuizAttempts, IReadOnlyList<DojoBeltAttempt> BeltAttempts,
    IReadOnlyList<DojoLabResult>? LabResults = null)
{
    public IReadOnlyList<DojoLabResult> Labs => LabResults ?? [];
}

/// <summary>Reads and writes learner progress; one context per operation (safe across a Blazor circuit).</summary>
public sealed class ProgressStore(IDbContextFactory<PortalDbContext> factory, TimeProvider time)
{
    public async Task MarkReadAsync(string login, string moduleId, string part, bool read, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var existing = await db.Set<DojoPartRead>().FindAsync([login, moduleId, part], ct);
        if (read && existing is null)
        {
            db.Add(new DojoPartRead { Login = login, ModuleId = moduleId, Part = part, ReadAt = time.GetUtcNow() });
        }
        else if (!read && existing is not null)
        {
            db.Remove(existing);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (read)
        {
            // Marked in another tab at the same moment: the row is there, which is what was asked.
        }
    }

    public async Task RecordQuizAsync(string login, string moduleId, QuizResult result, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Add(new DojoQuizAttempt
        {
            Login = login, ModuleId = moduleId, Correct = result.Correct, Total = result.Total, ScorePercent = result.Score,
            Passed = result.Passed, MissedQuestionIds = JsonSerializer.Serialize(result.Missed), SubmittedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task RecordBeltAsync(string login, string belt, QuizResult result, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Add(new DojoBeltAttempt
        {
            Login = login, Belt = belt, Correct = result.Correct, Total = result.Total, ScorePercent = result.Score,
            Passed = result.Passed, MissedQuestionIds = JsonSerializer.Serialize(result.Missed), SubmittedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <param name="evidenceJson">The checks as run (<c>LabRunResult</c>), kept as the learner's evidence.</param>
    public async Task RecordLabAsync(string login, string moduleId, string serviceRef, bool passed, string evidenceJson, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Add(new DojoLabResult
        {
            Login = login, ModuleId = moduleId, ServiceRef = serviceRef, Passed = passed, EvidenceJson = evidenceJson, CheckedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The learner's newest lab run of a module, or null.</summary>
    public async Task<DojoLabResult?> LastLabAsync(string login, string moduleId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // Newest by id (ids grow with inserts): SQLite cannot order by DateTimeOffset.
        return await db.Set<DojoLabResult>().AsNoTracking().Where(r => r.Login == login && r.ModuleId == moduleId)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<LearnerRecord> ReadAsync(string login, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var parts = await db.Set<DojoPartRead>().AsNoTracking().Where(r => r.Login == login).ToListAsync(ct);
        var quizzes = await db.Set<DojoQuizAttempt>().AsNoTracking().Where(r => r.Login == login).ToListAsync(ct);
        var belts = await db.Set<DojoBeltAttempt>().AsNoTracking().Where(r => r.Login == login).ToListAsync(ct);
        // Only whether and when: the evidence of every run is not needed for progress.
        var labs = await db.Set<DojoLabResult>().AsNoTracking().Where(r => r.Login == login)
            .Select(r => new DojoLabResult { Id = r.Id, Login = r.Login, ModuleId = r.ModuleId, ServiceRef = r.ServiceRef, Passed = r.Passed, CheckedAt = r.CheckedAt })
            .ToListAsync(ct);
        // Ordered here, not in SQL: SQLite cannot order by DateTimeOffset, and one learner's rows are few.
        return new LearnerRecord(parts, [.. quizzes.OrderBy(q => q.SubmittedAt)], [.. belts.OrderBy(b => b.SubmittedAt)],
            [.. labs.OrderBy(l => l.CheckedAt)]);
    }
}
