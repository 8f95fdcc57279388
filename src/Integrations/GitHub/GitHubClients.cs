using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;

namespace Fawkes.Portal.Integrations.GitHub;

/// <summary>
/// Octokit clients whose requests go through the <c>github</c> client of IHttpClientFactory, so they get the portal's
/// resilience pipeline (timeouts, retries of reads, circuit breaker) and pooled, rotated handlers.
/// </summary>
/// <remarks>
/// Octokit 14's methods take no CancellationToken: callers bound them with <c>WaitAsync(ct)</c>, and the pipeline's
/// total timeout ends the request itself.
/// </remarks>
public sealed class GitHubClients(IHttpMessageHandlerFactory handlers, IOptions<GitHubOptions> options)
{
    public const string ClientName = "github";
    private static readonly ProductHeaderValue Product = new("fawkes-portal");

    /// <summary>A client for one operation: cheap, and it picks up the factory's current handler (DNS changes, rotation).</summary>
    public GitHubClient Create()
    {
        var settings = options.Value;
        var credentials = string.IsNullOrWhiteSpace(settings.Token) ? Credentials.Anonymous : new Credentials(settings.Token);
        var http = new HttpClientAdapter(() => handlers.CreateHandler(ClientName));
        var connection = new Connection(Product, new Uri(settings.ApiBaseUrl), new InMemoryCredentialStore(credentials), http, new SimpleJsonSerializer());
        return new GitHubClient(connection);
    }
}
