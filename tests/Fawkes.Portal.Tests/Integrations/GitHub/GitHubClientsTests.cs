using System.Diagnostics;
using Fawkes.Portal.Integrations.GitHub;
using Fawkes.Portal.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.Tests.Integrations.GitHub;

/// <summary>Octokit goes through the portal's pipeline: its reads are retried, and a caller's cancellation ends the wait.</summary>
public sealed class GitHubClientsTests : IAsyncLifetime
{
    private const string ContentPath = "api/v3/repos/fawkes/pay/contents/catalog-info.yaml";
    private static readonly GitHubFile File = new("fawkes", "pay", "main", "catalog-info.yaml");
    private StaticHttpServer _server = default!;
    private ServiceProvider _services = default!;

    public async Task InitializeAsync()
    {
        _server = await StaticHttpServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Integrations:GitHub:ApiBaseUrl"] = new Uri(_server.BaseAddress, "api/v3/").ToString(),
            ["Integrations:GitHub:TimeoutSeconds"] = "30",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        _services = services.AddGitHub().BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_read_GitHub_answers_502_is_retried_through_the_pipeline()
    {
        var seen = 0;
        _server.Handle(ContentPath, async ctx =>
        {
            if (Interlocked.Increment(ref seen) == 1)
            {
                ctx.Response.StatusCode = 502;
                return;
            }
            ctx.Response.ContentType = "application/vnd.github.v3.raw";
            await ctx.Response.WriteAsync("kind: Component");
        });

        var text = await _services.GetRequiredService<GitHubCatalogSource>().ReadAsync(File);

        Assert.Equal("kind: Component", text);
        Assert.Equal(2, _server.Hits(ContentPath));
    }

    [Fact]
    public async Task A_caller_that_gives_up_is_not_kept_waiting_for_a_hanging_GitHub()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Handle(ContentPath, ctx => release.Task.WaitAsync(ctx.RequestAborted));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _services.GetRequiredService<GitHubCatalogSource>().ReadAsync(File, cts.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Waited {clock.Elapsed} with a 30 s attempt timeout.");
        release.SetResult(); // Octokit's own request still runs (it takes no token); let it end so the server stops at once.
    }
}
