using System.Security.Cryptography;
using System.Text;

namespace Fawkes.Portal.Features.Dora.Webhooks;

/// <summary>GitHub's <c>X-Hub-Signature-256: sha256=&lt;hex HMAC of the body&gt;</c>, compared in constant time.</summary>
public static class GitHubSignature
{
    public static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool IsValid(byte[] body, string? header, string secret)
    {
        if (string.IsNullOrEmpty(header) || string.IsNullOrEmpty(secret))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(body, secret)), Encoding.ASCII.GetBytes(header.Trim()));
    }
}
