using Fawkes.Portal.Features.Dora.Api;

namespace Fawkes.Portal.Tests.Features.Dora;

public sealed class RepositorySlugTests
{
    [Theory]
    [InlineData("https://github.com/Fawkes/Payments-API", "fawkes/payments-api")]
    [InlineData("https://github.com/fawkes/payments-api.git", "fawkes/payments-api")]
    [InlineData("https://github.com/fawkes/payments-api/", "fawkes/payments-api")]
    [InlineData("https://github.com/fawkes/my.github-tools", "fawkes/my.github-tools")]
    [InlineData("git@github.com:fawkes/payments-api.git", "fawkes/payments-api")]
    [InlineData("ssh://git@github.com:22/fawkes/payments-api.git", "fawkes/payments-api")]
    [InlineData("https://gitlab.example.com/platform/team/payments-api.git", "platform/team/payments-api")]
    [InlineData("https://user:token@git.example.com/fawkes/payments-api.git", "fawkes/payments-api")]
    public void FromUrl_keeps_the_path_on_the_host(string url, string slug) => Assert.Equal(slug, RepositorySlug.FromUrl(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("payments-api")]
    [InlineData("https://github.com/")]
    [InlineData("https://github.com/fawkes")]
    [InlineData("git@github.com:payments-api.git")]
    [InlineData("file:///srv/git/fawkes/payments-api")]
    public void FromUrl_is_null_when_no_repository_is_named(string? url) => Assert.Null(RepositorySlug.FromUrl(url));
}
