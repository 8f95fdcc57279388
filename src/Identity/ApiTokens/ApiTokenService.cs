using Fawkes.Portal.Data;
using Fawkes.Portal.Operations.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Identity.ApiTokens;

public sealed record CreatedApiToken(ApiToken Token, string Secret);

/// <summary>A token that authenticated a request: who it acts for and what it may do.</summary>
public sealed record ApiTokenIdentity(string Name, string CreatedBy, IReadOnlyList<string> Scopes, Guid? Id);

public sealed class ApiTokenService(
    IDbContextFactory<PortalDbContext> factory, AuditLog audit, TimeProvider time, IOptions<PortalApiOptions> apiOptions)
{
    public async Task<CreatedApiToken> CreateAsync(string name, IReadOnlyCollection<string> scopes, int? expiresInDays, string actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new ArgumentException("Token name is required and must be at most 100 characters.", nameof(name));
        }
        var unknown = scopes.Except(ApiScopes.All).ToList();
        if (scopes.Count == 0 || unknown.Count > 0)
        {
            throw new ArgumentException(unknown.Count > 0 ? $"Unknown scope(s): {string.Join(", ", unknown)}" : "Choose at least one scope.", nameof(scopes));
        }
        var secret = ApiTokenSecrets.NewSecret();
        var now = time.GetUtcNow();
        var token = new ApiToken
        {
            Id = Guid.NewGuid(),
            Name = name.Trim(),
            Prefix = ApiTokenSecrets.DisplayPrefix(secret),
            Hash = ApiTokenSecrets.Hash(secret),
            Scopes = string.Join(' ', ApiScopes.All.Where(scopes.Contains)),
            CreatedBy = actor,
            CreatedAt = now,
            ExpiresAt = expiresInDays is > 0 ? now.AddDays(expiresInDays.Value) : null,
        };
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            db.Add(token);
            await db.SaveChangesAsync(cancellationToken);
        }
        await audit.RecordAsync(actor, "apitoken.create", $"apitoken:{token.Name}", $"scopes={token.Scopes}; prefix={token.Prefix}", cancellationToken);
        return new CreatedApiToken(token, secret);
    }

    public async Task<bool> RevokeAsync(Guid id, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var token = await db.Set<ApiToken>().FindAsync([id], cancellationToken);
        if (token is null || token.RevokedAt is not null)
        {
            return false;
        }
        token.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor, "apitoken.revoke", $"apitoken:{token.Name}", $"prefix={token.Prefix}", cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tokens = await db.Set<ApiToken>().AsNoTracking().ToListAsync(cancellationToken);
        return [.. tokens.OrderBy(t => t.RevokedAt is not null).ThenByDescending(t => t.CreatedAt)];
    }

    /// <summary>Checks a presented secret: the bootstrap token from configuration, or a live stored token.</summary>
    public async Task<ApiTokenIdentity?> ValidateAsync(string secret, CancellationToken cancellationToken = default)
    {
        var bootstrap = apiOptions.Value.BootstrapToken;
        if (!string.IsNullOrEmpty(bootstrap) && ApiTokenSecrets.FixedTimeEquals(secret, bootstrap))
        {
            return new ApiTokenIdentity("bootstrap", "configuration", ApiScopes.All, null);
        }
        if (!secret.StartsWith(ApiTokenSecrets.TokenPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var hash = ApiTokenSecrets.Hash(secret);
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var token = await db.Set<ApiToken>().FirstOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        if (token is null || token.RevokedAt is not null || (token.ExpiresAt is { } expires && expires <= now))
        {
            return null;
        }
        // Last-used is informational; only write it once a minute to keep reads cheap.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return new ApiTokenIdentity(token.Name, token.CreatedBy, token.ScopeList, token.Id);
    }
}
