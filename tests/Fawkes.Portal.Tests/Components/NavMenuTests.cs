using Bunit;
using Fawkes.Portal.App.Layout;
using Fawkes.Portal.Identity;

namespace Fawkes.Portal.Tests.Components;

public sealed class NavMenuTests : ComponentTestBase
{
    private static List<string> Links(IRenderedComponent<NavMenu> cut) =>
        [.. cut.FindAll("a.mud-nav-link").Select(a => a.TextContent.Trim())];

    [Fact]
    public void Everyone_sees_the_five_areas_in_order()
    {
        Ctx.AddAuthorization().SetAuthorized("priya.raman");

        var cut = Ctx.Render<NavMenu>();

        Assert.Equal(["Home", "Catalog", "Create", "DORA", "Dojo"], Links(cut));
        Assert.Equal("Primary", cut.Find("nav").GetAttribute("aria-label"));
    }

    [Fact]
    public void Admins_also_see_admin()
    {
        var auth = Ctx.AddAuthorization();
        auth.SetAuthorized("amara.okafor");
        auth.SetPolicies(Policies.Admin);

        var cut = Ctx.Render<NavMenu>();

        Assert.Equal("Admin", Links(cut)[^1]);
    }
}
