using System.Security.Cryptography;
using System.Text;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Progress;
using Fawkes.Portal.Identity.Users;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Features.Dojo.Certificates;

/// <summary>
/// Awards a belt certificate the moment its last condition becomes true. Called after every recorded quiz, assessment and
/// lab result (the lab feature calls <see cref="TryAwardForModuleAsync"/>); safe to call any number of times: a learner
/// gets one certificate per belt, and a revoked one is not awarded again.
/// </summary>
public sealed class CertificateAwarder(
    IDbContextFactory<PortalDbContext> factory, DojoContentStore content, TimeProvider time, ILogger<CertificateAwarder> logger)
{
    /// <summary>After a module's quiz or lab: tries the module's belt.</summary>
    public Task<DojoCertificate?> TryAwardForModuleAsync(string login, string moduleId, CancellationToken ct = default) =>
        content.Current.Module(moduleId) is { } module ? TryAwardAsync(login, module.Belt, ct) : Task.FromResult<DojoCertificate?>(null);

    /// <summary>The learner's certificate for the belt: the existing one, a new one if the belt is now passed, else null.</summary>
    public async Task<DojoCertificate?> TryAwardAsync(string login, string belt, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(login);
        var curriculum = content.Current;
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Set<DojoCertificate>().AsNoTracking().FirstOrDefaultAsync(c => c.Login == login && c.Belt == belt, ct) is { } existing)
        {
            return existing;
        }
        var modules = curriculum.ModulesOf(belt).Select(m => m.Id).ToList();
        var record = new CompletionRecord(
            await db.Set<DojoQuizAttempt>().AsNoTracking().Where(a => a.Login == login && a.Passed && modules.Contains(a.ModuleId)).ToListAsync(ct),
            await db.Set<DojoLabResult>().AsNoTracking().Where(r => r.Login == login && r.Passed && modules.Contains(r.ModuleId)).ToListAsync(ct),
            await db.Set<DojoBeltAttempt>().AsNoTracking().Where(a => a.Login == login && a.Passed && a.Belt == belt).ToListAsync(ct));
        if (!BeltCompletion.BeltPassed(curriculum, belt, record))
        {
            return null;
        }
        var user = await db.Set<PortalUser>().AsNoTracking().FirstOrDefaultAsync(u => u.Login == login, ct);
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var (type, identity) = string.IsNullOrWhiteSpace(user?.Email)
            ? ("url", $"https://github.com/{login}")
            : ("email", user.Email.Trim().ToLowerInvariant());
        var certificate = new DojoCertificate
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Login = login, Belt = belt, DisplayName = string.IsNullOrWhiteSpace(user?.DisplayName) ? login : user.DisplayName,
            RecipientType = type, RecipientHash = HashIdentity(identity, salt), RecipientSalt = salt, IssuedAt = time.GetUtcNow(),
        };
        db.Add(certificate);
        try
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Dojo: {Login} earned the {Belt} belt certificate {Id}.", login, belt, certificate.Id);
            return certificate;
        }
        catch (DbUpdateException)
        {
            // Another request finished the belt at the same moment and its certificate is the one.
            await using var again = await factory.CreateDbContextAsync(ct);
            return await again.Set<DojoCertificate>().AsNoTracking().FirstOrDefaultAsync(c => c.Login == login && c.Belt == belt, ct);
        }
    }

    /// <summary>Open Badges IdentityHash: <c>sha256$</c> + lowercase hex of SHA-256(identity + salt).</summary>
    public static string HashIdentity(string identity, string salt) =>
        "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity + salt)));
}
