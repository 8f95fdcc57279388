using Fawkes.Portal.Simulators.ArgoCd;
using Fawkes.Portal.Simulators.GitHub;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Templates.Actions;

/// <summary>
/// The portal on PostgreSQL, configured (as an operator would) with a simulated GitHub Enterprise (user "scaffolder-bot",
/// organisation "acme") and a simulated ArgoCD instance "shop", with <see cref="ActionTemplates"/> in its catalog. Tasks
/// run through the real task worker and workflow runner; the tests read what the simulators received.
/// </summary>
public sealed class ActionsFixture : IAsyncLifetime
{
    public const string Org = "acme";
    public static readonly string GitHubToken = TestSecret.New("ghp");
    public static readonly string ArgoToken = TestSecret.New("argotoken");

    public string Folder { get; } = ActionTemplates.Create();
    public GitHubSimulator GitHub { get; private set; } = default!;
    public ArgoCdSimulator ArgoCd { get; private set; } = default!;
    public PortalHost Host { get; private set; } = default!;
    public HttpClient Lucas { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        GitHub = await GitHubSimulator.StartAsync(GitHubToken, "scaffolder-bot", [Org]);
        ArgoCd = await ArgoCdSimulator.StartAsync([], ArgoToken);
        var settings = TasksFixture.Settings(Folder);
        settings["Catalog:Locations:0:Target"] = Path.Combine(Folder, "template.yaml");
        settings["Integrations:GitHub:ApiBaseUrl"] = GitHub.ApiBaseAddress.ToString();
        settings["Integrations:GitHub:WebHost"] = GitHub.BaseAddress.Host;
        settings["Integrations:GitHub:Token"] = GitHubToken;
        settings["Integrations:GitHub:TimeoutSeconds"] = "10";
        settings["Integrations:ArgoCd:Instances:0:Name"] = "shop";
        settings["Integrations:ArgoCd:Instances:0:Url"] = ArgoCd.BaseAddress.ToString();
        settings["Integrations:ArgoCd:Instances:0:Token"] = ArgoToken;
        Host = await PortalHost.StartPostgresAsync(settings);
        Lucas = await TasksFixture.SignInAsync(Host, "lucas.moreau", "Developer");
        await TasksFixture.WaitForCatalogAsync(Lucas, "template/default/push-then-more", "user/default/lucas.moreau");
    }

    public async Task DisposeAsync()
    {
        Lucas.Dispose();
        await Host.DisposeAsync();
        await ArgoCd.DisposeAsync();
        await GitHub.DisposeAsync();
    }
}
