using Fawkes.Portal.Operations.Demo;

namespace Fawkes.Portal.Tests.Operations;

public sealed class DemoUsersTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"users-{Guid.NewGuid():N}.yaml");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void The_shipped_demo_users_load_and_cover_every_role()
    {
        var users = DemoSeeder.LoadUsers(Path.Combine(AppContext.BaseDirectory, "content", "demo", "users.yaml"));

        Assert.Equal(["Admin", "Developer", "Learner", "PlatformLead"], users.Select(u => u.Role).Distinct().Order());
        Assert.Equal(users.Count, users.Select(u => u.Login).Distinct().Count());
    }

    [Fact]
    public void An_unknown_role_is_refused_naming_the_file_and_user()
    {
        File.WriteAllText(_file, "users:\n  - login: bob\n    name: Bob\n    role: Superuser\n");

        var ex = Assert.Throws<InvalidDataException>(() => DemoSeeder.LoadUsers(_file));

        Assert.Contains(_file, ex.Message, StringComparison.Ordinal);
        Assert.Contains("'bob'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Superuser", ex.Message, StringComparison.Ordinal);
    }
}
