using System.Security.Cryptography;
using System.Text;

namespace Fawkes.Portal.Identity.ApiTokens;

/// <summary>Generation and hashing of token secrets. Tokens look like <c>fwk_</c> + 43 URL-safe characters.</summary>
public static class ApiTokenSecrets
{
    public const string TokenPrefix = "fwk_";

    public static string NewSecret() =>
        TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>SHA-256 is enough: the secret has 256 bits of entropy, so there is nothing to brute-force.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string DisplayPrefix(string secret) => secret[..Math.Min(secret.Length, 10)];

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
