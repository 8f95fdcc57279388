using Fawkes.Portal.Identity;

namespace Fawkes.Portal.Tests.Identity;

public sealed class RoleMapperTests
{
    private static RoleOptions Options()
    {
        var options = new RoleOptions { DefaultRole = PortalRoles.Learner };
        options.Admin.Users.Add("octocat");
        options.PlatformLead.Teams.Add("fawkes/platform");
        options.Developer.Teams.Add("fawkes/payments");
        return options;
    }

    [Theory]
    [InlineData("octocat", new string[0], "Admin,PlatformLead,Developer,Learner")]
    [InlineData("OctoCat", new string[0], "Admin,PlatformLead,Developer,Learner")]
    [InlineData("jonas", new[] { "fawkes/platform" }, "PlatformLead,Developer,Learner")]
    [InlineData("jonas", new[] { "FAWKES/Platform", "fawkes/payments" }, "PlatformLead,Developer,Learner")]
    [InlineData("priya", new[] { "fawkes/payments" }, "Developer,Learner")]
    [InlineData("stranger", new[] { "other/team" }, "Learner")]
    public void Map_gives_the_highest_matching_role_and_the_roles_it_implies(string login, string[] teams, string expected)
    {
        Assert.Equal(expected.Split(','), RoleMapper.Map(login, teams, Options()));
    }

    [Fact]
    public void Map_with_an_unknown_default_role_gives_no_role()
    {
        var options = new RoleOptions { DefaultRole = "Superuser" };

        Assert.Empty(RoleMapper.Map("anyone", [], options));
    }

    [Theory]
    [InlineData("Admin", 4)]
    [InlineData("PlatformLead", 3)]
    [InlineData("Developer", 2)]
    [InlineData("Learner", 1)]
    [InlineData("Nobody", 0)]
    public void Implied_includes_every_role_below(string role, int count) => Assert.Equal(count, PortalRoles.Implied(role).Count());
}
