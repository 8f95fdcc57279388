using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fawkes.Portal.Identity.ApiTokens;

/// <summary>An automation credential. Only the SHA-256 of the secret is stored; the secret is shown once.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The first characters of the token, so people can tell tokens apart without the secret.</summary>
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    /// <summary>Space-separated scopes, e.g. <c>catalog:read dora:write</c>.</summary>
    public required string Scopes { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.Ignore(t => t.ScopeList);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Prefix).HasMaxLength(20);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.Property(t => t.Scopes).HasMaxLength(400);
        builder.Property(t => t.CreatedBy).HasMaxLength(100);
        builder.HasIndex(t => t.Hash).IsUnique();
    }
}
