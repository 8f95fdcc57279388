using System.Security.Claims;
using Fawkes.Portal.Data;
using Fawkes.Portal.Identity.Users;
using Fawkes.Portal.Operations.Audit;
using Microsoft.EntityFrameworkCore;

namespace Fawkes.Portal.Identity;

/// <summary>Keeps the user directory current, applies an Admin's role or block, and audits every sign-in.</summary>
public sealed class SignInRecorder(IDbContextFactory<PortalDbContext> factory, AuditLog audit, TimeProvider time)
{
    /// <returns>False when an Admin blocked this person: the sign-in must not go on.</returns>
    public async Task<bool> RecordAsync(ClaimsIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var login = identity.FindFirst(PortalClaims.Login)?.Value ?? throw new InvalidOperationException("Identity has no login claim.");
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var user = await db.Set<PortalUser>().FindAsync([login], cancellationToken);
            if (user is null)
            {
                user = new PortalUser { Login = login, DisplayName = identity.Name ?? login };
                db.Add(user);
            }
            user.DisplayName = identity.Name ?? user.DisplayName;
            user.Email = identity.FindFirst(ClaimTypes.Email)?.Value ?? user.Email;
            user.AvatarUrl = identity.FindFirst(PortalClaims.Avatar)?.Value ?? user.AvatarUrl;
            user.LastSignInAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            if (user.Blocked)
            {
                await audit.RecordAsync(login, "user.signin.blocked", $"user:{login}", null, cancellationToken);
                return false;
            }
            if (user.AdminRole is { } role)
            {
                foreach (var claim in identity.FindAll(ClaimTypes.Role).ToList())
                {
                    identity.RemoveClaim(claim);
                }
                identity.AddClaims(PortalRoles.Implied(role).Select(r => new Claim(ClaimTypes.Role, r)));
            }
            // The session remembers the stamp; an Admin change moves it and ends the session (UserAccess).
            identity.AddClaim(new Claim(UserAccess.StampClaim, user.AccessStamp.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        var roles = string.Join(",", identity.FindAll(ClaimTypes.Role).Select(c => c.Value));
        var method = identity.FindFirst(PortalClaims.AuthMethod)?.Value ?? "unknown";
        await audit.RecordAsync(login, "user.signin", $"user:{login}", $"method={method}; roles={roles}", cancellationToken);
        return true;
    }
}
