using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fawkes.Portal.Features.Dojo.Certificates;

/// <summary>
/// A belt certificate: one per learner and belt, awarded once. What it says (name, recipient hash, date) is fixed at the
/// award so the public page and the badge assertion never change afterwards; an Admin may revoke it (kept, marked revoked).
/// </summary>
public sealed class DojoCertificate
{
    /// <summary>The verification id: random, unguessable, part of the public URLs.</summary>
    public required string Id { get; set; }
    public required string Login { get; set; }
    public required string Belt { get; set; }
    /// <summary>The learner's display name when the certificate was awarded.</summary>
    public required string DisplayName { get; set; }
    /// <summary>Open Badges recipient identity type: <c>email</c>, or <c>url</c> when the learner has no email.</summary>
    public required string RecipientType { get; set; }
    /// <summary><c>sha256$</c> + hex of SHA-256(identity + salt).</summary>
    public required string RecipientHash { get; set; }
    public required string RecipientSalt { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public string? RevocationReason { get; set; }

    public bool Revoked => RevokedAt is not null;
}

internal sealed class DojoCertificateConfiguration : IEntityTypeConfiguration<DojoCertificate>
{
    public void Configure(EntityTypeBuilder<DojoCertificate> builder)
    {
        builder.ToTable("dojo_certificates");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(40);
        builder.Property(c => c.Login).HasMaxLength(100);
        builder.Property(c => c.Belt).HasMaxLength(40);
        builder.Property(c => c.DisplayName).HasMaxLength(200);
        builder.Property(c => c.RecipientType).HasMaxLength(10);
        builder.Property(c => c.RecipientHash).HasMaxLength(80);
        builder.Property(c => c.RecipientSalt).HasMaxLength(40);
        builder.Property(c => c.RevokedBy).HasMaxLength(100);
        builder.Property(c => c.RevocationReason).HasMaxLength(500);
        builder.Ignore(c => c.Revoked);
        // Awarded once: two requests finishing the belt at the same moment cannot both insert.
        builder.HasIndex(c => new { c.Login, c.Belt }).IsUnique();
    }
}
