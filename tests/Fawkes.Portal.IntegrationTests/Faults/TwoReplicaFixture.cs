using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Faults;

/// <summary>
/// Two portal instances (A and B) on real Kestrel ports and one PostgreSQL database, as two replicas behind a load
/// balancer; both poll a deliberately slow Jenkins every second, so two rounds at once would show on the fake.
/// </summary>
public sealed class TwoReplicaFixture : IAsyncLifetime
{
    public const string SlowJob = "replicas/slow-build";

    public string FileRoot { get; } = Directory.CreateTempSubdirectory("fawkes-replicas-").FullName;
    public FakeJenkins Jenkins { get; private set; } = default!;
    public PortalHost A { get; private set; } = default!;
    public PortalHost B { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Jenkins = await FakeJenkins.StartAsync();
        Jenkins.Job(SlowJob).Add(new FakeBuild(1, "SUCCESS", 1_735_725_600_000, 60_000)).Delay = TimeSpan.FromMilliseconds(1500);
        var settings = new Dictionary<string, string?>
        {
            // The demo users are the ones the development sign-in offers.
            ["Portal:Demo:Enabled"] = "true",
            ["Portal:DevelopmentSignIn:Enabled"] = "true",
            ["Portal:RateLimits:ApiPerMinute"] = "100000",
            ["Catalog:FileRoots:0"] = FileRoot,
            ["Catalog:RefreshIntervalSeconds"] = "3600",
            ["Dora:Jenkins:BaseUrl"] = Jenkins.BaseUrl.ToString(),
            ["Dora:Jenkins:User"] = FakeJenkins.User,
            ["Dora:Jenkins:ApiToken"] = FakeJenkins.ApiToken,
            ["Dora:Jenkins:PollSeconds"] = "1",
        };
        A = await PortalHost.StartPostgresAsync(settings);
        B = await PortalHost.StartPostgresAsync(settings, A.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Jenkins.DisposeAsync();
        Directory.Delete(FileRoot, recursive: true);
    }
}
