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
    private GitHubEndpoint? _demo;

    /// <summary>The GitHub of <c>Integrations:GitHub</c> (github.com by default).</summary>
    public GitHubEndpoint Configured
    {
        get
        {
            var settings = options.Value;
            var api = settings.ApiBaseUrl.EndsWith('/') ? settings.ApiBaseUrl : settings.ApiBaseUrl + "/";
            return new GitHubEndpoint(new Uri(api), new Uri($"https://{settings.WebHost}/"), settings.Token);
        }
    }

    /// <summary>No token configured: publishing (which always needs one) goes to the demo simulator when demo mode runs one.</summary>
    public bool TokenConfigured => !string.IsNullOrWhiteSpace(options.Value.Token);

    /// <summary>The simulator demo mode started, if any.</summary>
    public GitHubEndpoint? Demo => Volatile.Read(ref _demo);

    /// <summary>Where new repositories are created: the demo simulator when there is one, the configured GitHub otherwise.</summary>
    public GitHubEndpoint Publishing => Demo ?? Configured;

    internal void UseDemo(GitHubEndpoint endpoint) => Volatile.Write(ref _demo, endpoint);

    /// <summary>
    /// The endpoint whose browser URLs <paramref name="url"/> belongs to: the configured host (by host name, as
    /// <c>Integrations:GitHub:WebHost</c> is given), or the demo simulator (by scheme, host and port).
    /// </summary>
    public GitHubEndpoint? ForWebUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (string.Equals(url.Host, options.Value.WebHost, StringComparison.OrdinalIgnoreCase))
        {
            return Configured;
        }
        return Demo is { } demo && Uri.Compare(url, demo.WebBaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            ? demo : null;
    }

    /// <summary>A client for one operation: cheap, and it picks up the factory's current handler (DNS changes, rotation).</summary>
    public GitHubClient Create() => Create(Configured);

    public GitHubClient Create(GitHubEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var credentials = string.IsNullOrWhiteSpace(endpoint.Token) ? Credentials.Anonymous : new Credentials(endpoint.Token);
        var http = new HttpClientAdapter(() => handlers.CreateHandler(ClientName));
        var connection = new Connection(Product, endpoint.ApiBaseUrl, new InMemoryCredentialStore(credentials), http, new SimpleJsonSerializer());
        return new GitHubClient(connection);
    }
}
