using Fawkes.Portal.Integrations.GitHub;
using Fawkes.Portal.Simulators.GitHub;
using Fawkes.Portal.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Octokit;

namespace Fawkes.Portal.IntegrationTests.Integrations.GitHub;

/// <summary>
/// The simulated GitHub (user "dev-user", organisation "acme") and the portal's real GitHub registration pointed at it
/// through <c>Integrations:GitHub</c>, as an operator configures GitHub Enterprise: the publisher under test, and an
/// Octokit client (the same pipeline) to check what it did through the API.
/// </summary>
public sealed class PublisherHarness : IAsyncLifetime
{
    public const string Org = "acme";
    public const string User = "dev-user";
    public static readonly string Token = TestSecret.New("ghp");

    private ServiceProvider _services = default!;

    public GitHubSimulator Sim { get; private set; } = default!;
    public GitHubPublisher Publisher { get; private set; } = default!;
    public GitHubClient Api { get; private set; } = default!;

    /// <param name="token">The token the portal is configured with (another one to test a refused token).</param>
    public async Task StartAsync(string? token = null)
    {
        Sim = await GitHubSimulator.StartAsync(Token, User, [Org]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Integrations:GitHub:ApiBaseUrl"] = Sim.ApiBaseAddress.ToString(),
            ["Integrations:GitHub:WebHost"] = Sim.BaseAddress.Host,
            ["Integrations:GitHub:Token"] = token ?? Token,
            ["Integrations:GitHub:TimeoutSeconds"] = "10",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddSingleton(TimeProvider.System);
        _services = services.AddGitHub().BuildServiceProvider();
        Publisher = _services.GetRequiredService<GitHubPublisher>();
        Api = _services.GetRequiredService<GitHubClients>().Create();
    }

    public Task InitializeAsync() => StartAsync();

    public static (string Path, byte[] Content, bool Executable) File(string path, string text, bool executable = false) =>
        (path, System.Text.Encoding.UTF8.GetBytes(text), executable);

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sim.DisposeAsync();
    }
}
