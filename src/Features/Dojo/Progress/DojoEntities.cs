using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fawkes.Portal.Features.Dojo.Progress;

/// <summary>A learner marked one part of a module as read.</summary>
public sealed class DojoPartRead
{
    public required string Login { get; set; }
    public required string ModuleId { get; set; }
    public required string Part { get; set; }
    public DateTimeOffset ReadAt { get; set; }
}

/// <summary>One graded module quiz of a signed-in learner, with the questions they missed (for spaced review).</summary>
public sealed class DojoQuizAttempt
{
    public long Id { get; set; }
    public required string Login { get; set; }
    public required string ModuleId { get; set; }
    public int Correct { get; set; }
    public int Total { get; set; }
    public int ScorePercent { get; set; }
    public bool Passed { get; set; }
    /// <summary>JSON array of question ids.</summary>
    public string MissedQuestionIds { get; set; } = "[]";
    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>One graded belt assessment; missed questions as <c>moduleId/questionId</c>.</summary>
public sealed class DojoBeltAttempt
{
    public long Id { get; set; }
    public required string Login { get; set; }
    public required string Belt { get; set; }
    public int Correct { get; set; }
    public int Total { get; set; }
    public int ScorePercent { get; set; }
    public bool Passed { get; set; }
    public string MissedQuestionIds { get; set; } = "[]";
    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>One lab run against a learner's service (written by the lab feature), with the checks' evidence as JSON.</summary>
public sealed class DojoLabResult
{
    public long Id { get; set; }
    public required string Login { get; set; }
    public required string ModuleId { get; set; }
    public required string ServiceRef { get; set; }
    public bool Passed { get; set; }
    public string EvidenceJson { get; set; } = "{}";
    public DateTimeOffset CheckedAt { get; set; }
}

internal sealed class DojoPartReadConfiguration : IEntityTypeConfiguration<DojoPartRead>
{
    public void Configure(EntityTypeBuilder<DojoPartRead> builder)
    {
        builder.ToTable("dojo_parts_read");
        builder.HasKey(r => new { r.Login, r.ModuleId, r.Part });
        builder.Property(r => r.Login).HasMaxLength(100);
        builder.Property(r => r.ModuleId).HasMaxLength(100);
        builder.Property(r => r.Part).HasMaxLength(60);
    }
}

internal sealed class DojoQuizAttemptConfiguration : IEntityTypeConfiguration<DojoQuizAttempt>
{
    public void Configure(EntityTypeBuilder<DojoQuizAttempt> builder)
    {
        builder.ToTable("dojo_quiz_attempts");
        builder.Property(a => a.Login).HasMaxLength(100);
        builder.Property(a => a.ModuleId).HasMaxLength(100);
        builder.HasIndex(a => new { a.Login, a.ModuleId });
    }
}

internal sealed class DojoBeltAttemptConfiguration : IEntityTypeConfiguration<DojoBeltAttempt>
{
    public void Configure(EntityTypeBuilder<DojoBeltAttempt> builder)
    {
        builder.ToTable("dojo_belt_attempts");
        builder.Property(a => a.Login).HasMaxLength(100);
        builder.Property(a => a.Belt).HasMaxLength(40);
        builder.HasIndex(a => new { a.Login, a.Belt });
    }
}

internal sealed class DojoLabResultConfiguration : IEntityTypeConfiguration<DojoLabResult>
{
    public void Configure(EntityTypeBuilder<DojoLabResult> builder)
    {
        builder.ToTable("dojo_lab_results");
        builder.Property(r => r.Login).HasMaxLength(100);
        builder.Property(r => r.ModuleId).HasMaxLength(100);
        builder.Property(r => r.ServiceRef).HasMaxLength(300);
        builder.HasIndex(r => new { r.Login, r.ModuleId });
    }
}
