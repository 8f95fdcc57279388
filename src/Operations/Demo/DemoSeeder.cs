using Fawkes.Portal.Data;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Fawkes.Portal.Operations.Demo;

/// <summary>Seeds demo users from <c>content/demo/users.yaml</c>; features seed their own demo content.</summary>
public sealed class DemoSeeder(
    IDbContextFactory<PortalDbContext> factory, IOptions<DemoOptions> options, SignInMode mode, IHostEnvironment environment, ILogger<DemoSeeder> logger)
{
    public bool IsEnabled => options.Value.Enabled ?? mode.DevelopmentSignIn;

    public string ContentRoot => Path.Combine(environment.ContentRootPath, options.Value.ContentPath);

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (!IsEnabled)
        {
            return;
        }
        var file = Path.Combine(ContentRoot, "users.yaml");
        var users = LoadUsers(file);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Set<PortalUser>().Select(u => u.Login).ToListAsync(cancellationToken);
        foreach (var user in users.Where(u => !existing.Contains(u.Login)))
        {
            db.Add(new PortalUser
            {
                Login = user.Login,
                DisplayName = user.Name,
                Email = user.Email,
                DemoRole = user.Role,
                IsDemo = true,
            });
        }
        var added = await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Demo mode: {Added} demo user(s) seeded from {File}", added, file);
    }

    internal static IReadOnlyList<DemoUser> LoadUsers(string file)
    {
        var yaml = File.ReadAllText(file);
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        var doc = deserializer.Deserialize<DemoUsersFile>(yaml) ?? new DemoUsersFile();
        foreach (var user in doc.Users.Where(u => !PortalRoles.IsKnown(u.Role)))
        {
            throw new InvalidDataException($"{file}: user '{user.Login}' has unknown role '{user.Role}'; use one of {string.Join(", ", PortalRoles.All)}.");
        }
        return doc.Users;
    }
}

internal sealed class DemoUsersFile
{
    public List<DemoUser> Users { get; set; } = [];
}

internal sealed class DemoUser
{
    public string Login { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Email { get; set; }
    public string Role { get; set; } = PortalRoles.Developer;
}
