using Fawkes.Portal.Data;
using Fawkes.Portal.Identity.Users;
using Fawkes.Portal.IntegrationTests.Catalog;
using Fawkes.Portal.Simulators.ArgoCd;
using Fawkes.Portal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Live;

/// <summary>
/// The portal on PostgreSQL with ArgoCD instances: "alpha" (a simulator with every scenario, static token), "session"
/// (a simulator logged into with a username and password), and one instance per fault — "closed" (nothing listens),
/// "failing" (500), "malformed", "slow", "badtoken" (alpha with a wrong token), "badlogin" (session with a wrong password).
/// Entities pin their instance with argocd/instance-name, except "a-all", which every instance is asked for.
/// </summary>
public sealed class ArgoCdFixture : IAsyncLifetime
{
    public static readonly string AlphaToken = TestSecret.New("alphatoken");
    public static readonly string SessionPassword = TestSecret.New("sessionpassword");
    public const string Owner = "priya.raman";

    public PortalHost Host { get; private set; } = default!;
    public HttpClient Api { get; private set; } = default!;
    public ArgoCdSimulator Alpha { get; private set; } = default!;
    public ArgoCdSimulator Session { get; private set; } = default!;
    public ArgoCdSimulator Failing { get; private set; } = default!;
    public ArgoCdSimulator Malformed { get; private set; } = default!;
    public ArgoCdSimulator Slow { get; private set; } = default!;
    public string Folder { get; } = Directory.CreateTempSubdirectory("fawkes-argocd-").FullName;

    public async Task InitializeAsync()
    {
        var orders = new Dictionary<string, string> { ["team"] = "orders" };
        Alpha = await ArgoCdSimulator.StartAsync(
        [
            new("a-healthy", "shop", ArgoCdScenario.Healthy), new("a-outofsync", "shop", ArgoCdScenario.OutOfSync),
            new("a-degraded", "shop", ArgoCdScenario.Degraded), new("a-failed", "shop", ArgoCdScenario.FailedSync),
            new("orders-api", "orders", ArgoCdScenario.Healthy, orders), new("orders-db", "orders", ArgoCdScenario.Degraded, orders),
        ], AlphaToken);
        Session = await ArgoCdSimulator.StartAsync([new("a-healthy", "shop", ArgoCdScenario.Healthy)], "unused-static", ("portal", SessionPassword));
        Failing = await ArgoCdSimulator.StartAsync([new("a-healthy", "shop", ArgoCdScenario.Healthy)], AlphaToken);
        Failing.Faults.ServerError = true;
        Malformed = await ArgoCdSimulator.StartAsync([new("a-healthy", "shop", ArgoCdScenario.Healthy)], AlphaToken);
        Malformed.Faults.MalformedJson = true;
        Slow = await ArgoCdSimulator.StartAsync([new("a-healthy", "shop", ArgoCdScenario.Healthy)], AlphaToken);
        Slow.Faults.Latency = TimeSpan.FromSeconds(30);
        File.WriteAllText(Path.Combine(Folder, "catalog-info.yaml"), Catalog());
        var settings = CatalogFixture.Settings(Folder);
        settings["Integrations:ArgoCd:CacheSeconds"] = "0";
        var instances = new (string Name, Uri Url, string? Token, string? User, string? Password)[]
        {
            ("alpha", Alpha.BaseAddress, AlphaToken, null, null), ("session", Session.BaseAddress, null, "portal", SessionPassword),
            ("closed", new Uri($"http://127.0.0.1:{KubernetesFixture.ClosedPort()}"), "unused", null, null),
            ("failing", Failing.BaseAddress, AlphaToken, null, null), ("malformed", Malformed.BaseAddress, AlphaToken, null, null),
            ("slow", Slow.BaseAddress, AlphaToken, null, null), ("badtoken", Alpha.BaseAddress, "wrong-token", null, null),
            ("badlogin", Session.BaseAddress, null, "portal", "wrong-password"),
        };
        for (var i = 0; i < instances.Length; i++)
        {
            var key = $"Integrations:ArgoCd:Instances:{i}";
            (settings[key + ":Name"], settings[key + ":Url"]) = (instances[i].Name, instances[i].Url.ToString());
            (settings[key + ":Token"], settings[key + ":Username"], settings[key + ":Password"]) = (instances[i].Token, instances[i].User, instances[i].Password);
        }
        Host = await PortalHost.StartPostgresAsync(settings);
        Api = Host.NewClient(bearer: PortalHost.BootstrapToken);
        await CatalogFixture.WaitForAsync(Api, 12);
        await SeedSignInUsersAsync();
    }

    /// <summary>Demo mode is off here (its catalog would mix in), so the people the sync tests sign in as are added as demo users.</summary>
    private async Task SeedSignInUsersAsync()
    {
        var factory = Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        foreach (var (login, role) in new[] { (Owner, "Developer"), ("mei.chen", "Learner"), ("jonas.weber", "Developer") })
        {
            db.Add(new PortalUser { Login = login, DisplayName = login, DemoRole = role, IsDemo = true });
        }
        await db.SaveChangesAsync();
    }

    internal static string Catalog() => string.Join("---\n",
        Component("a-healthy", "argocd/app-name: a-healthy", "argocd/instance-name: alpha"),
        Component("a-outofsync", "argocd/app-name: a-outofsync", "argocd/instance-name: alpha"),
        Component("a-degraded", "argocd/app-name: a-degraded", "argocd/instance-name: alpha"),
        Component("a-failed", "argocd/app-name: a-failed", "argocd/instance-name: alpha"),
        Component("a-selector", "argocd/app-selector: team=orders", "argocd/instance-name: alpha"),
        Component("a-session", "argocd/app-name: a-healthy", "argocd/instance-name: session"),
        Component("a-all", "argocd/app-name: a-healthy"),
        Component("a-missing", "argocd/app-name: nope", "argocd/instance-name: alpha"),
        Component("a-none"),
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n",
        $"apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: {Owner}\nspec:\n  memberOf: [team-a]\n");

    private static string Component(string name, params string[] annotations) =>
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: " + name + "\n"
        + (annotations.Length == 0 ? "" : "  annotations:\n" + string.Concat(annotations.Select(a => "    " + a + "\n")))
        + "spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n";

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        foreach (var sim in new[] { Alpha, Session, Failing, Malformed, Slow })
        {
            await sim.DisposeAsync();
        }
    }
}
