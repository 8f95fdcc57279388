using Fawkes.Portal.Features.Dojo.Certificates;
using Fawkes.Portal.Features.Dojo.Team;

namespace Fawkes.Portal.Tests.Features.Dojo;

public sealed class CertificateLogicTests
{
    [Fact]
    public void The_identity_hash_matches_the_Open_Badges_specification_example() =>
        // Open Badges 2.0, "IdentityHash": the SHA-256 of "mayze".
        Assert.Equal("sha256$7a1a1b3f7d40552e4299180e346e3add12bf9a751a43d9c4ca4518febc2c60c6", CertificateAwarder.HashIdentity("mayze", ""));

    [Fact]
    public void The_salt_is_appended_to_the_identity_before_hashing() =>
        Assert.Equal(CertificateAwarder.HashIdentity("mayze", ""), CertificateAwarder.HashIdentity("may", "ze"));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("Chen, Mei", "\"Chen, Mei\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("", "")]
    public void Csv_cells_are_quoted_and_formulas_defused(string value, string cell) => Assert.Equal(cell, TeamCsv.Cell(value));

    [Fact]
    public void Timestamps_are_ISO_8601_in_UTC_with_a_zone_designator() =>
        Assert.Equal("2026-11-30T22:05:09Z", BadgeDocuments.Timestamp(new DateTimeOffset(2026, 11, 30, 23, 5, 9, TimeSpan.FromHours(1))));

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("https://portal.example.org", true)]
    [InlineData("http://localhost:5000/", true)]
    [InlineData("portal.example.org", false)]
    [InlineData("ftp://portal.example.org", false)]
    [InlineData("https://portal.example.org/?x=1", false)]
    public void The_public_base_url_must_be_absolute_http(string? value, bool valid) => Assert.Equal(valid, BadgeOptions.IsValidBaseUrl(value));
}
