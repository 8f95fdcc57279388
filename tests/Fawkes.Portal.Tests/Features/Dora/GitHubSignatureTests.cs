using System.Text;
using Fawkes.Portal.Features.Dora.Webhooks;

namespace Fawkes.Portal.Tests.Features.Dora;

public sealed class GitHubSignatureTests
{
    // GitHub's documented example: secret "It's a Secret to Everybody", payload "Hello, World!".
    private const string Documented = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    [Fact]
    public void Sign_matches_githubs_documented_example() =>
        Assert.Equal(Documented, GitHubSignature.Sign(Encoding.UTF8.GetBytes("Hello, World!"), "It's a Secret to Everybody"));

    [Theory]
    [InlineData(Documented, true)]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18", false)]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_accepts_only_the_exact_signature(string? header, bool valid) =>
        Assert.Equal(valid, GitHubSignature.IsValid(Encoding.UTF8.GetBytes("Hello, World!"), header, "It's a Secret to Everybody"));

    [Fact]
    public void IsValid_refuses_everything_without_a_secret() =>
        Assert.False(GitHubSignature.IsValid(Encoding.UTF8.GetBytes("x"), GitHubSignature.Sign(Encoding.UTF8.GetBytes("x"), ""), ""));
}
