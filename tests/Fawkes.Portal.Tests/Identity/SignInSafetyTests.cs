using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.ApiTokens;

namespace Fawkes.Portal.Tests.Identity;

public sealed class SignInSafetyTests
{
    [Theory]
    [InlineData("/catalog?kind=component", "/catalog?kind=component")]
    [InlineData("/", "/")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    public void Return_urls_stay_on_this_site(string? returnUrl, string expected) =>
        Assert.Equal(expected, SignInEndpoints.LocalOrHome(returnUrl));

    [Fact]
    public void Secrets_are_long_url_safe_and_unique()
    {
        var secrets = Enumerable.Range(0, 200).Select(_ => ApiTokenSecrets.NewSecret()).ToList();

        Assert.All(secrets, s => Assert.Matches("^fwk_[A-Za-z0-9_-]{43}$", s));
        Assert.Equal(secrets.Count, secrets.Distinct().Count());
    }

    [Fact]
    public void Hash_is_stable_hex_sha256_and_differs_per_secret()
    {
        Assert.Equal("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", ApiTokenSecrets.Hash("test"));
        Assert.NotEqual(ApiTokenSecrets.Hash("fwk_a"), ApiTokenSecrets.Hash("fwk_b"));
    }

    [Fact]
    public void Display_prefix_never_reveals_the_secret()
    {
        var secret = ApiTokenSecrets.NewSecret();

        Assert.Equal(10, ApiTokenSecrets.DisplayPrefix(secret).Length);
        Assert.StartsWith(ApiTokenSecrets.DisplayPrefix(secret), secret, StringComparison.Ordinal);
    }
}
