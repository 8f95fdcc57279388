using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fawkes.Portal.Identity.Users;

/// <summary>A person who has signed in (or a seeded demo user). Keyed by GitHub login.</summary>
public sealed class PortalUser
{
    public required string Login { get; set; }
    public required string DisplayName { get; set; }
    public string? Email { get; set; }
    public string? AvatarUrl { get; set; }
    /// <summary>Role offered first by the development sign-in; real roles come from configuration.</summary>
    public string? DemoRole { get; set; }
    public bool IsDemo { get; set; }
    public string Theme { get; set; } = "system";
    public DateTimeOffset? LastSignInAt { get; set; }
    /// <summary>A role an Admin gave this person; it replaces the configured (or, for the demo, chosen) role at sign-in.</summary>
    public string? AdminRole { get; set; }
    /// <summary>Set by an Admin: the person cannot sign in and their open sessions end.</summary>
    public bool Blocked { get; set; }
    /// <summary>Moved by every Admin change to this person; sessions carry the value they signed in with and end when it moves.</summary>
    public int AccessStamp { get; set; }
}

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Login);
        builder.Property(u => u.Login).HasMaxLength(100);
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.Email).HasMaxLength(320);
        builder.Property(u => u.AvatarUrl).HasMaxLength(500);
        builder.Property(u => u.DemoRole).HasMaxLength(40);
        builder.Property(u => u.Theme).HasMaxLength(10);
        builder.Property(u => u.AdminRole).HasMaxLength(40);
    }
}
