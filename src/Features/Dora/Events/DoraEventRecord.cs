using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fawkes.Portal.Features.Dora.Events;

/// <summary>
/// One delivery event (deployment, pull request, incident, build), keyed by type and id so that re-sending replaces it.
/// <see cref="Json"/> is the normalized event; <see cref="AtUnixMs"/> orders and filters it (SQLite cannot compare offsets).
/// </summary>
public sealed class DoraEventRecord
{
    public required string Type { get; set; }
    public required string Id { get; set; }
    public required string Service { get; set; }
    /// <summary>Lowercase service, for lookups.</summary>
    public required string ServiceKey { get; set; }
    /// <summary>When it happened: a deployment's finish, a pull request's merge (else creation), an incident's creation.</summary>
    public long AtUnixMs { get; set; }
    public required string Json { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>
    /// For counted deployments sent without <c>commits</c>: <see cref="CommitsStates.Pending"/> until GitHub's compare
    /// resolved them, then <see cref="CommitsStates.Compared"/> (or <see cref="CommitsStates.Unresolved"/>); null when the sender listed them.
    /// </summary>
    public string? CommitsState { get; set; }
}

public static class CommitsStates
{
    public const string Pending = "pending";
    public const string Compared = "compared";
    public const string Unresolved = "unresolved";
}

internal sealed class DoraEventRecordConfiguration : IEntityTypeConfiguration<DoraEventRecord>
{
    public void Configure(EntityTypeBuilder<DoraEventRecord> b)
    {
        b.ToTable("dora_events");
        b.HasKey(e => new { e.Type, e.Id });
        b.Property(e => e.Type).HasMaxLength(20);
        b.Property(e => e.Id).HasMaxLength(200);
        b.Property(e => e.Service).HasMaxLength(200);
        b.Property(e => e.ServiceKey).HasMaxLength(200);
        b.Property(e => e.Source).HasMaxLength(40);
        b.HasIndex(e => new { e.ServiceKey, e.Type, e.AtUnixMs });
        b.HasIndex(e => new { e.Type, e.AtUnixMs });
        b.Property(e => e.CommitsState).HasMaxLength(20);
        b.HasIndex(e => e.CommitsState);
    }
}
