using System.Net;
using System.Text.RegularExpressions;
using Fawkes.Portal.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Identity;

/// <summary>
/// Walks every endpoint the app maps (pages, APIs, hubs) and proves anonymous callers are refused,
/// except an explicit allow-list. A new endpoint is covered without anyone adding it here.
/// </summary>
public sealed partial class EndpointAuthorizationTests(PostgresPortalFixture fixture) : IClassFixture<PostgresPortalFixture>
{
    /// <summary>Anonymous by design. Webhook receivers join this list with their own (HMAC) authentication.</summary>
    private static readonly HashSet<string> AllowAnonymous =
    [
        "/healthz", "/readyz", "/metrics",
        "/signin", "/auth/github", "/auth/dev-signin",
        "/not-found", "/error",
        "/api/webhooks/github", // authenticated by the HMAC signature of the body (GitHubWebhookTests)
        // Belt certificates and their Open Badges 2.0 documents: public so that anyone handed one can verify it (BadgeDocumentTests).
        "/dojo/certificates/{Id}", "/api/dojo/certificates/{id}",
        "/badges/issuer", "/badges/classes/{belt}", "/badges/classes/{belt}/image", "/badges/assertions/{id}",
    ];

    private IEnumerable<RouteEndpoint> Endpoints =>
        fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private static string Pattern(RouteEndpoint e) => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');

    /// <summary>Files from wwwroot and packages (CSS, JS, icons) carry no data and are public.</summary>
    private static bool IsStaticAsset(RouteEndpoint e) =>
        e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor");

    [Fact]
    public void Every_allow_listed_path_exists_and_is_marked_anonymous()
    {
        foreach (var path in AllowAnonymous)
        {
            var matches = Endpoints.Where(e => Pattern(e) == path).ToList();
            Assert.True(matches.Count > 0, $"Allow-listed {path} is not mapped any more: remove it from the list.");
            Assert.All(matches, e => Assert.NotNull(e.Metadata.GetMetadata<IAllowAnonymous>()));
        }
    }

    [Fact]
    public void Only_allow_listed_endpoints_and_static_assets_opt_out_of_authorization()
    {
        var anonymous = Endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null && !IsStaticAsset(e))
            .Select(Pattern)
            .Where(p => !AllowAnonymous.Contains(p))
            .Distinct()
            .ToList();

        Assert.True(anonymous.Count == 0, "Anonymous endpoints outside the allow-list: " + string.Join(", ", anonymous));
    }

    [Fact]
    public async Task Every_protected_endpoint_refuses_an_anonymous_request()
    {
        using var client = fixture.Host.NewClient();
        var protectedEndpoints = Endpoints.Where(e => !AllowAnonymous.Contains(Pattern(e)) && !IsStaticAsset(e)).ToList();
        Assert.True(protectedEndpoints.Count >= 10, $"Expected the app's pages and APIs, found {protectedEndpoints.Count} endpoints.");
        var failures = new List<string>();

        foreach (var endpoint in protectedEndpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m != "OPTIONS" && m != "CONNECT"))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(Pattern(endpoint)));
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }
                using var response = await client.SendAsync(request);
                if (!IsRefusal(response))
                {
                    failures.Add($"{method} {Pattern(endpoint)} → {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, "Anonymous requests that were not refused:\n" + string.Join("\n", failures));
    }

    /// <summary>401/403 for APIs and hubs; a redirect to the sign-in page for pages.</summary>
    private static bool IsRefusal(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/signin", StringComparison.Ordinal) == true);

    /// <summary>A route pattern with sample values: a GUID for ids, "sample" for the rest.</summary>
    internal static string Concrete(string pattern) =>
        RouteParameter().Replace(pattern, m => m.Groups[1].Value.Contains("id", StringComparison.OrdinalIgnoreCase)
            ? "00000000-0000-0000-0000-000000000001"
            : "sample").Replace("//", "/", StringComparison.Ordinal);

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
