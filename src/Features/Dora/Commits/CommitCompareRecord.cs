using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fawkes.Portal.Features.Dora.Commits;

/// <summary>
/// GitHub's answer to "which commits are in <see cref="Head"/> but not in <see cref="Base"/>", kept because it never
/// changes for two SHAs: re-resolving after out-of-order events or a restart costs no API call.
/// </summary>
public sealed class CommitCompareRecord
{
    /// <summary><c>owner/name</c>, lowercase.</summary>
    public required string Repository { get; set; }
    public required string Base { get; set; }
    public required string Head { get; set; }
    /// <summary>JSON array of the SHAs, oldest first.</summary>
    public required string Shas { get; set; }
    public DateTimeOffset FetchedAt { get; set; }
}

internal sealed class CommitCompareRecordConfiguration : IEntityTypeConfiguration<CommitCompareRecord>
{
    public void Configure(EntityTypeBuilder<CommitCompareRecord> b)
    {
        b.ToTable("dora_commit_compares");
        b.HasKey(e => new { e.Repository, e.Base, e.Head });
        b.Property(e => e.Repository).HasMaxLength(200);
        b.Property(e => e.Base).HasMaxLength(100);
        b.Property(e => e.Head).HasMaxLength(100);
    }
}
