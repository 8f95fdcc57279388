using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>One event of a task (Backstage's <c>task_events</c>): <see cref="Id"/> is a global sequence, so
/// <c>?after=</c> works across tasks and replicas.</summary>
public sealed class ScaffolderTaskEvent
{
    public long Id { get; set; }
    public Guid TaskId { get; set; }
    public required string Type { get; set; }
    public required string BodyJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Event types: Backstage's four plus <c>approval</c> (a decision on a task that waited for one).</summary>
public static class TaskEventType
{
    public const string Log = "log";
    public const string Completion = "completion";
    public const string Cancelled = "cancelled";
    public const string Recovered = "recovered";
    public const string Approval = "approval";
}

internal sealed class ScaffolderTaskEventConfiguration : IEntityTypeConfiguration<ScaffolderTaskEvent>
{
    public void Configure(EntityTypeBuilder<ScaffolderTaskEvent> b)
    {
        b.ToTable("scaffolder_task_events");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        b.Property(e => e.Type).HasMaxLength(32);
        b.Property(e => e.CreatedAt).HasConversion(UnixMs.Converter);
        b.HasIndex(e => new { e.TaskId, e.Id });
        b.HasOne<ScaffolderTask>().WithMany().HasForeignKey(e => e.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}
