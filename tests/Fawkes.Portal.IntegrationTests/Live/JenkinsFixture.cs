using Fawkes.Portal.IntegrationTests.Catalog;
using Fawkes.Portal.Simulators.Jenkins;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Live;

/// <summary>
/// The portal on PostgreSQL with Jenkins instances: "ci" (a simulator with every scenario, the default), one simulator per
/// fault (so one test's open circuit cannot change another's answer) and "closed" (a port nobody listens on).
/// </summary>
public sealed class JenkinsFixture : IAsyncLifetime
{
    public const string User = "portal-bot";
    public static readonly string Token = TestSecret.New("token");

    public PortalHost Host { get; private set; } = default!;
    public HttpClient Api { get; private set; } = default!;
    public JenkinsSimulator Ci { get; private set; } = default!;
    public JenkinsSimulator Refusing { get; private set; } = default!;
    public JenkinsSimulator Failing { get; private set; } = default!;
    public JenkinsSimulator Malformed { get; private set; } = default!;
    public JenkinsSimulator Slow { get; private set; } = default!;
    public string Folder { get; } = Directory.CreateTempSubdirectory("fawkes-jenkins-").FullName;

    public async Task InitializeAsync()
    {
        SimulatedJob[] one = [new("shop/ok", JenkinsScenario.Success)];
        Ci = await JenkinsSimulator.StartAsync(
        [
            new("shop/ok", JenkinsScenario.Success), new("shop/rebuild", JenkinsScenario.FailedBuild), new("shop/fail", JenkinsScenario.FailedBuild), new("shop/running", JenkinsScenario.BuildInProgress),
            new("shop/multi", JenkinsScenario.FailedBuild, ["develop", "main", "feature/x"]),
            new("shop/params", JenkinsScenario.FailedBuild, Parameters: new Dictionary<string, string> { ["TARGET"] = "staging", ["DRY_RUN"] = "false" }),
        ], User, Token);
        Refusing = await JenkinsSimulator.StartAsync(one, User, Token);
        Failing = await JenkinsSimulator.StartAsync(one, User, Token);
        Malformed = await JenkinsSimulator.StartAsync(one, User, Token);
        Slow = await JenkinsSimulator.StartAsync(one, User, Token);
        File.WriteAllText(Path.Combine(Folder, "catalog-info.yaml"), Catalog());
        var settings = CatalogFixture.Settings(Folder);
        settings["Integrations:Jenkins:CacheSeconds"] = "0";
        // Demo mode only for its sign-in users (the rebuild tests); the catalog is this file's, and configured instances keep the demo Jenkins off.
        settings["Portal:Demo:Enabled"] = "true";
        var i = 0;
        foreach (var (name, url) in new[]
        {
            ("ci", Ci.BaseAddress.ToString()), ("refusing", Refusing.BaseAddress.ToString()), ("failing", Failing.BaseAddress.ToString()),
            ("malformed", Malformed.BaseAddress.ToString()), ("slow", Slow.BaseAddress.ToString()),
            ("closed", $"http://127.0.0.1:{KubernetesFixture.ClosedPort()}/"),
        })
        {
            settings[$"Integrations:Jenkins:Instances:{i}:Name"] = name;
            settings[$"Integrations:Jenkins:Instances:{i}:Url"] = url;
            settings[$"Integrations:Jenkins:Instances:{i}:User"] = User;
            settings[$"Integrations:Jenkins:Instances:{i}:ApiToken"] = Token;
            i++;
        }
        Host = await PortalHost.StartPostgresAsync(settings);
        Api = Host.NewClient(bearer: PortalHost.BootstrapToken);
        await CatalogFixture.WaitForAsync(Api, Entities.Length);
    }

    private static readonly (string Name, string Job, string Owner)[] Entities =
    [
        ("j-ok", "shop/ok", "team-a"), ("j-fail", "ci:shop/fail", "team-a"), ("j-rebuild", "ci:shop/rebuild", "user:priya.raman"), ("j-running", "shop/running", "team-a"),
        ("j-params", "ci:shop/params", "user:priya.raman"),
        ("j-multi", "shop/multi", "team-a"), ("j-missing", "shop/nope", "team-a"), ("j-unknown", "nowhere:shop/ok", "team-a"),
        ("j-refusing", "refusing:shop/ok", "team-a"), ("j-failing", "failing:shop/ok", "team-a"), ("j-malformed", "malformed:shop/ok", "team-a"),
        ("j-slow", "slow:shop/ok", "team-a"), ("j-closed", "closed:shop/ok", "team-a"), ("j-none", "", "team-a"),
    ];

    private static string Catalog() => string.Join("---\n", Entities.Select(e =>
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: " + e.Name + "\n"
        + (e.Job.Length == 0 ? "" : $"  annotations:\n    jenkins.io/job-full-name: {e.Job}\n")
        + $"spec:\n  type: service\n  lifecycle: production\n  owner: {e.Owner}\n"));

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        foreach (var s in new[] { Ci, Refusing, Failing, Malformed, Slow })
        {
            await s.DisposeAsync();
        }
    }
}
