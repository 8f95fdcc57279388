using Fawkes.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Dojo.Certificates;

public enum RevokeOutcome { Revoked, NotFound, AlreadyRevoked }

/// <summary>Reads certificates and revokes them (Admins only; the caller checks). One context per call.</summary>
public sealed class CertificateService(IDbContextFactory<PortalDbContext> factory, TimeProvider time)
{
    public async Task<DojoCertificate?> FindAsync(string id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<DojoCertificate>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
    }

    /// <summary>A learner's certificates, revoked ones included, in belt order of the curriculum (by the caller) or by date.</summary>
    public async Task<IReadOnlyList<DojoCertificate>> ForLearnerAsync(string login, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var list = await db.Set<DojoCertificate>().AsNoTracking().Where(c => c.Login == login).ToListAsync(ct);
        // Ordered here: SQLite cannot order by DateTimeOffset.
        return [.. list.OrderBy(c => c.IssuedAt)];
    }

    public async Task<IReadOnlyList<DojoCertificate>> ForLearnersAsync(IReadOnlyCollection<string> logins, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<DojoCertificate>().AsNoTracking().Where(c => logins.Contains(c.Login)).ToListAsync(ct);
    }

    public async Task<(RevokeOutcome Outcome, DojoCertificate? Certificate)> RevokeAsync(string id, string reason, string revokedBy, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var certificate = await db.Set<DojoCertificate>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (certificate is null)
        {
            return (RevokeOutcome.NotFound, null);
        }
        if (certificate.Revoked)
        {
            return (RevokeOutcome.AlreadyRevoked, certificate);
        }
        certificate.RevokedAt = time.GetUtcNow();
        certificate.RevokedBy = revokedBy;
        certificate.RevocationReason = reason.Trim();
        await db.SaveChangesAsync(ct);
        return (RevokeOutcome.Revoked, certificate);
    }
}
