using Bunit;
using Fawkes.Portal.Features.Dojo.Certificates;
using Fawkes.Portal.Features.Dojo.Certificates.Pages;
using Fawkes.Portal.Tests.Components;

namespace Fawkes.Portal.Tests.Features.Dojo;

public sealed class EarnedCertificatesTests : ComponentTestBase
{
    private static DojoCertificate Certificate(string id, string belt, bool revoked = false) => new()
    {
        Id = id, Login = "mei.chen", Belt = belt, DisplayName = "Mei Chen", RecipientType = "email", RecipientHash = "sha256$00",
        RecipientSalt = "00", IssuedAt = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero),
        RevokedAt = revoked ? new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero) : null,
    };

    [Fact]
    public void EarnedCertificates_None_RendersNothing() =>
        Assert.Empty(Ctx.Render<EarnedCertificates>(p => p.Add(x => x.Certificates, [])).Markup.Trim());

    [Fact]
    public void EarnedCertificates_Some_LinkEachToItsPublicPageAndSayWhichAreRevoked()
    {
        var cut = Ctx.Render<EarnedCertificates>(p => p.Add(x => x.Certificates, [Certificate("abc", "white"), Certificate("def", "yellow", revoked: true)]));

        var white = cut.Find("[data-testid=certificate-white]");
        var yellow = cut.Find("[data-testid=certificate-yellow]");
        Assert.Equal("/dojo/certificates/abc", white.GetAttribute("href"));
        Assert.Contains("White belt · 30 Nov 2026", white.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked", white.TextContent, StringComparison.Ordinal);
        Assert.Equal("/dojo/certificates/def", yellow.GetAttribute("href"));
        Assert.Contains("revoked", yellow.TextContent, StringComparison.Ordinal);
    }
}
