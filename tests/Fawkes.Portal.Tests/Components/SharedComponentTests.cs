using Bunit;
using Fawkes.Portal.App.Shared;
using Fawkes.Portal.Features.Admin.Pages;
using Fawkes.Portal.Identity.ApiTokens;

namespace Fawkes.Portal.Tests.Components;

public sealed class SharedComponentTests : ComponentTestBase
{
    [Fact]
    public void PageHeader_renders_one_h1_breadcrumbs_from_home_and_the_actions()
    {
        var cut = Ctx.Render<PageHeader>(p => p
            .Add(x => x.Title, "Software Catalog")
            .Add(x => x.Breadcrumbs, [("Catalog", "/catalog"), ("payments-api", null)])
            .Add(x => x.Actions, "<button>Register</button>"));

        Assert.Equal("Software Catalog", cut.Find("h1").TextContent);
        var crumbs = cut.FindAll(".mud-breadcrumb-item").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["Home", "Catalog", "payments-api"], crumbs);
        Assert.Equal("Register", cut.Find(".page-header__actions button").TextContent);
    }

    [Fact]
    public void EmptyState_says_what_to_do_next()
    {
        var cut = Ctx.Render<EmptyState>(p => p
            .Add(x => x.Title, "No entities yet")
            .AddChildContent("Register a component to get started."));

        Assert.Equal("No entities yet", cut.Find("h2").TextContent);
        Assert.Contains("Register a component", cut.Markup, StringComparison.Ordinal);
    }

    public static TheoryData<DateTimeOffset?, DateTimeOffset?, string> StatusCases => new()
    {
        { null, null, "Active" },
        { null, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), "Active until 2027-01-01" },
        { null, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "Expired" },
        { new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), null, "Revoked" },
    };

    [Theory]
    [MemberData(nameof(StatusCases))]
    public void TokenStatus_shows_revoked_expired_or_active(DateTimeOffset? revokedAt, DateTimeOffset? expiresAt, string expected)
    {
        var token = new ApiToken { Name = "t", Prefix = "fwk_", Hash = "h", Scopes = "admin", CreatedBy = "x", RevokedAt = revokedAt, ExpiresAt = expiresAt };

        var cut = Ctx.Render<TokenStatus>(p => p.Add(x => x.Token, token).Add(x => x.Now, new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal(expected, cut.Find(".mud-chip").TextContent.Trim());
    }
}
