using Fawkes.Portal.IntegrationTests.Catalog;
using Fawkes.Portal.Simulators.SonarQube;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Live;

/// <summary>
/// The portal on PostgreSQL with SonarQube instances: "sq" (a simulator with every scenario, the default as the first),
/// "bearer" (the same server, token sent as Bearer), one simulator per fault (so one test's open circuit cannot change
/// another's answer) and "closed" (a port nobody listens on).
/// </summary>
public sealed class SonarQubeFixture : IAsyncLifetime
{
    public static readonly string Token = TestSecret.New("squ");

    public PortalHost Host { get; private set; } = default!;
    public HttpClient Api { get; private set; } = default!;
    public SonarQubeSimulator Sq { get; private set; } = default!;
    public SonarQubeSimulator Refusing { get; private set; } = default!;
    public SonarQubeSimulator Failing { get; private set; } = default!;
    public SonarQubeSimulator Malformed { get; private set; } = default!;
    public SonarQubeSimulator Slow { get; private set; } = default!;
    public string Folder { get; } = Directory.CreateTempSubdirectory("fawkes-sonarqube-").FullName;

    public async Task InitializeAsync()
    {
        SimulatedProject[] one = [new("pass", "Pass", SonarQubeScenario.PassingGate)];
        Sq = await SonarQubeSimulator.StartAsync(
        [
            new("pass", "Passing Project", SonarQubeScenario.PassingGate), new("tenant:fail", "Failing Project", SonarQubeScenario.FailingGate),
            new("fresh", "Never Analysed", SonarQubeScenario.NotAnalysed),
        ], Token);
        Refusing = await SonarQubeSimulator.StartAsync(one, Token);
        Failing = await SonarQubeSimulator.StartAsync(one, Token);
        Malformed = await SonarQubeSimulator.StartAsync(one, Token);
        Slow = await SonarQubeSimulator.StartAsync(one, Token);
        File.WriteAllText(Path.Combine(Folder, "catalog-info.yaml"), Catalog());
        var settings = CatalogFixture.Settings(Folder);
        settings["Integrations:SonarQube:CacheSeconds"] = "0";
        var i = 0;
        foreach (var (name, url, scheme) in new[]
        {
            ("sq", Sq.BaseAddress.ToString(), "Basic"), ("bearer", Sq.BaseAddress.ToString(), "Bearer"),
            ("refusing", Refusing.BaseAddress.ToString(), "Basic"), ("failing", Failing.BaseAddress.ToString(), "Basic"),
            ("malformed", Malformed.BaseAddress.ToString(), "Basic"), ("slow", Slow.BaseAddress.ToString(), "Basic"),
            ("closed", $"http://127.0.0.1:{KubernetesFixture.ClosedPort()}/", "Basic"),
        })
        {
            settings[$"Integrations:SonarQube:Instances:{i}:Name"] = name;
            settings[$"Integrations:SonarQube:Instances:{i}:Url"] = url;
            settings[$"Integrations:SonarQube:Instances:{i}:Token"] = Token;
            settings[$"Integrations:SonarQube:Instances:{i}:AuthScheme"] = scheme;
            i++;
        }
        Host = await PortalHost.StartPostgresAsync(settings);
        Api = Host.NewClient(bearer: PortalHost.BootstrapToken);
        await CatalogFixture.WaitForAsync(Api, Entities.Length);
    }

    private static readonly (string Name, string Key)[] Entities =
    [
        ("s-pass", "pass"), ("s-fail", "sq/tenant:fail"), ("s-fresh", "fresh"), ("s-bearer", "bearer/pass"), ("s-missing", "nope"),
        ("s-unknown", "nowhere/pass"), ("s-refusing", "refusing/pass"), ("s-failing", "failing/pass"), ("s-malformed", "malformed/pass"),
        ("s-slow", "slow/pass"), ("s-closed", "closed/pass"), ("s-bad", "'/pass'"), ("s-none", ""),
    ];

    private static string Catalog() => string.Join("---\n", Entities.Select(e =>
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: " + e.Name + "\n"
        + (e.Key.Length == 0 ? "" : $"  annotations:\n    sonarqube.org/project-key: {e.Key}\n")
        + "spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n"));

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        foreach (var s in new[] { Sq, Refusing, Failing, Malformed, Slow })
        {
            await s.DisposeAsync();
        }
    }
}
