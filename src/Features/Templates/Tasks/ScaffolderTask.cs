using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>
/// One run of a template (Backstage's <c>tasks</c> row). <see cref="SpecJson"/> is the stored spec of
/// docs/scaffolder-semantics.md §6.1; secrets are never here (they live in <see cref="TaskSecrets"/>, in memory).
/// A worker owns a <c>processing</c> task while <see cref="LeaseUntil"/> is in the future and renews it with each heartbeat.
/// </summary>
public sealed class ScaffolderTask
{
    public Guid Id { get; set; }
    public required string SpecJson { get; set; }
    public required string Status { get; set; }
    /// <summary>The initiator's user entity ref (<c>user:default/alice</c>); null for an API token, as Backstage leaves it
    /// empty for a service principal.</summary>
    public string? CreatedBy { get; set; }
    /// <summary>Who started it, always set: the user ref, or <c>token:&lt;name&gt;</c>. Decides who may read and cancel it.</summary>
    public required string Initiator { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastHeartbeatAt { get; set; }
    /// <summary>The replica running it (<see cref="TaskOptions.ReplicaId"/>).</summary>
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    /// <summary><c>{name, message}</c> of the error that failed it.</summary>
    public string? ErrorJson { get; set; }
    /// <summary>The rendered <c>output</c> of a completed run.</summary>
    public string? OutputJson { get; set; }
    /// <summary><c>{stepId: {status, startedAt, endedAt}}</c>, kept as the run goes.</summary>
    public string? StepTimingsJson { get; set; }
    /// <summary>The template's approval rule (<c>owner</c>, <c>platform-lead</c>) when it needs one.</summary>
    public string? Approval { get; set; }
    /// <summary>The group that owns the template (for owner approval).</summary>
    public string? TemplateOwner { get; set; }
    public string? DecidedBy { get; set; }
}

/// <summary>A task's statuses. <c>cancelled</c> exists (Backstage's enum has it) but a cancelled run ends <c>failed</c>, as in Backstage.</summary>
public static class ScaffolderTaskStatus
{
    public const string Open = "open";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string AwaitingApproval = "awaiting-approval";
    public const string Rejected = "rejected";

    public static readonly IReadOnlyList<string> All = [Open, Processing, Completed, Failed, Cancelled, AwaitingApproval, Rejected];

    public static bool IsFinished(string status) => status is Completed or Failed or Cancelled or Rejected;
}

internal sealed class ScaffolderTaskConfiguration : IEntityTypeConfiguration<ScaffolderTask>
{
    public void Configure(EntityTypeBuilder<ScaffolderTask> b)
    {
        b.ToTable("scaffolder_tasks");
        b.HasKey(t => t.Id);
        b.Property(t => t.Status).HasMaxLength(32);
        b.Property(t => t.CreatedBy).HasMaxLength(300);
        b.Property(t => t.Initiator).HasMaxLength(300);
        b.Property(t => t.ClaimedBy).HasMaxLength(200);
        b.Property(t => t.Approval).HasMaxLength(32);
        b.Property(t => t.TemplateOwner).HasMaxLength(300);
        b.Property(t => t.DecidedBy).HasMaxLength(300);
        // Milliseconds since the epoch on both providers: SQLite cannot compare or sort DateTimeOffset columns, and the
        // lease and the list order need both.
        b.Property(t => t.CreatedAt).HasConversion(UnixMs.Converter);
        b.Property(t => t.LastHeartbeatAt).HasConversion(UnixMs.Nullable);
        b.Property(t => t.LeaseUntil).HasConversion(UnixMs.Nullable);
        b.HasIndex(t => t.Status);
        b.HasIndex(t => new { t.Initiator, t.CreatedAt });
        b.HasIndex(t => t.CreatedAt);
    }
}

/// <summary>Timestamps stored as Unix milliseconds.</summary>
internal static class UnixMs
{
    public static readonly ValueConverter<DateTimeOffset, long> Converter =
        new(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));

    public static readonly ValueConverter<DateTimeOffset?, long?> Nullable =
        new(v => v.HasValue ? v.Value.ToUnixTimeMilliseconds() : null, v => v.HasValue ? DateTimeOffset.FromUnixTimeMilliseconds(v.Value) : null);
}
