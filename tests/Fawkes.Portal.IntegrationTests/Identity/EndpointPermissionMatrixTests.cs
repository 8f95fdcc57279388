using System.Net;
using Fawkes.Portal.Identity.ApiTokens;
using Fawkes.Portal.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Identity;

/// <summary>
/// Every endpoint the app maps × every kind of caller → allowed or refused, against a table written by hand.
/// A new endpoint without a row fails this test, so nobody adds one without deciding who may call it.
/// </summary>
public sealed class EndpointPermissionMatrixTests(EndpointPermissionMatrixTests.Fixture fixture) : IClassFixture<EndpointPermissionMatrixTests.Fixture>
{
    /// <summary>Its own portal: the matrix sends hundreds of sign-in requests from one address, past the sign-in rate limit.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public PortalHost Host { get; private set; } = default!;

        public async Task InitializeAsync() => Host = await PortalHost.StartPostgresAsync(new Dictionary<string, string?>
        {
            ["Portal:RateLimits:SignInPerMinute"] = "100000",
            ["Portal:RateLimits:ApiPerMinute"] = "100000",
        });

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    private static readonly string[] People = ["Learner", "Developer", "PlatformLead", "Admin"];
    private static readonly string[] TokenScopes = ["catalog:read", "catalog:write", "dora:write", "scaffolder:run", "admin"];
    private static readonly Dictionary<string, string> DemoLogin = new()
    {
        ["Learner"] = "mei.chen", ["Developer"] = "priya.raman", ["PlatformLead"] = "jonas.weber", ["Admin"] = "amara.okafor",
    };

    /// <summary>Who may call what. Callers: anonymous, the four roles, and tokens as t:scope.</summary>
    private static readonly Dictionary<string, string> Classes = new()
    {
        ["public"] = "anonymous Learner Developer PlatformLead Admin t:catalog:read t:catalog:write t:dora:write t:scaffolder:run t:admin",
        ["signed-in"] = "Learner Developer PlatformLead Admin t:catalog:read t:catalog:write t:dora:write t:scaffolder:run t:admin",
        ["read"] = "Learner Developer PlatformLead Admin t:catalog:read t:admin",
        ["register"] = "Developer PlatformLead Admin t:catalog:write t:admin",
        ["unregister"] = "Developer PlatformLead Admin t:admin",
        ["dora-write"] = "PlatformLead Admin t:dora:write t:admin",
        ["admin"] = "Admin t:admin",
        // Owners, PlatformLead and Admin; the handler then asks again with the entity's owners (a Developer who owns nothing gets 403 there).
        ["live-action"] = "Developer PlatformLead Admin t:admin",
        // The scaffolder API sits under the catalog's read policy and adds TemplateRun: people from Developer up, admin tokens.
        ["template-api"] = "Developer PlatformLead Admin t:admin",
        ["template-page"] = "Developer PlatformLead Admin t:scaffolder:run t:admin",
        ["template-run"] = "Developer PlatformLead Admin t:scaffolder:run t:admin",
        // A team's Dojo progress: its leads and Admins; automation only with an admin token.
        ["dojo-team"] = "PlatformLead Admin t:admin",
    };

    /// <summary>One row per method and route. Pages are rendered for any signed-in caller unless they say otherwise.</summary>
    private static readonly Dictionary<string, string> Rows = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GET /healthz"] = "public", ["GET /readyz"] = "public", ["GET /metrics"] = "public",
        ["GET /signin"] = "public", ["GET /auth/github"] = "public", ["POST /auth/dev-signin"] = "public",
        ["GET /not-found"] = "public", ["GET /error"] = "public", ["POST /api/webhooks/github"] = "public",
        ["POST /auth/signout"] = "signed-in", ["GET /api/me"] = "signed-in", ["GET /access-denied"] = "signed-in",
        ["GET /"] = "signed-in", ["GET /catalog"] = "signed-in", ["GET /catalog/{namespace}/{kind}/{name}"] = "signed-in",
        ["GET /catalog/locations"] = "signed-in", ["GET /catalog/register"] = "register",
        ["GET /create"] = "signed-in", ["GET /create/templates/{namespace}/{name}"] = "signed-in",
        ["GET /create/templates/{namespace}/{name}/run"] = "template-run", ["GET /dojo"] = "signed-in", ["GET /dora"] = "signed-in",
        ["GET /dora/data-quality"] = "admin", ["GET /admin"] = "admin", ["GET /api/admin/audit"] = "admin",
        ["GET /api/catalog/entities"] = "read", ["GET /api/catalog/entities/by-query"] = "read",
        ["POST /api/catalog/entities/by-query"] = "read", ["POST /api/catalog/entity-facets"] = "read",
        ["POST /api/catalog/entities/by-refs"] = "read", ["GET /api/catalog/entities/by-name/{kind}/{namespace}/{name}"] = "read",
        ["GET /api/catalog/entities/by-name/{kind}/{namespace}/{name}/ancestry"] = "read",
        ["GET /api/catalog/entities/by-uid/{uid}"] = "read", ["DELETE /api/catalog/entities/by-uid/{uid}"] = "unregister",
        ["GET /api/catalog/entity-facets"] = "read", ["POST /api/catalog/locations"] = "register",
        ["GET /api/catalog/locations"] = "read", ["GET /api/catalog/locations/{id}"] = "read",
        ["DELETE /api/catalog/locations/{id}"] = "unregister", ["PUT /api/catalog/locations/{id}"] = "unregister", ["POST /api/catalog/refresh"] = "register",
        ["POST /api/catalog/validate-entity"] = "read", ["POST /api/catalog/locations/by-query"] = "read",
        ["GET /api/catalog/locations/by-entity/{kind}/{namespace}/{name}"] = "read", ["POST /api/catalog/analyze-location"] = "register",
        ["POST /api/dora/events"] = "dora-write", ["GET /api/dora/metrics"] = "read", ["GET /api/dora/summary"] = "read",
        ["GET /api/dora/deployments"] = "read", ["GET /api/dora/incidents"] = "read", ["GET /api/dora/data-quality"] = "read",
        ["GET /api/dora/pollers"] = "admin", ["GET /api/admin/integrations"] = "admin",
        ["GET /api/live/{kind}/{namespace}/{name}/kubernetes"] = "read",
        ["GET /api/live/{kind}/{namespace}/{name}/jenkins"] = "read",
        ["POST /api/live/{kind}/{namespace}/{name}/jenkins/rebuild"] = "live-action",
        ["GET /api/live/{kind}/{namespace}/{name}/argocd"] = "read", ["POST /api/live/{kind}/{namespace}/{name}/argocd/sync"] = "live-action",
        ["GET /dojo/modules/{id}"] = "signed-in", ["GET /dojo/belts/{belt}/assessment"] = "signed-in", ["GET /dojo/content/{**path}"] = "read",
        ["GET /api/dojo/modules"] = "read", ["GET /api/dojo/modules/{id}/quiz"] = "read", ["POST /api/dojo/modules/{id}/quiz"] = "read",
        ["GET /api/dojo/belts/{belt}/assessment"] = "read", ["POST /api/dojo/belts/{belt}/assessment"] = "read",
        ["GET /api/dojo/progress/me"] = "read", ["POST /api/dojo/modules/{id}/lab"] = "read",
        ["GET /api/dojo/recommendations"] = "read", ["GET /api/dojo/review/me"] = "read", ["POST /api/dojo/review/me"] = "read",
        // Certificates and Open Badges documents are public so that anyone handed one can verify it.
        ["GET /dojo/certificates/{Id}"] = "public", ["GET /api/dojo/certificates/{id}"] = "public",
        ["POST /api/dojo/certificates/{id}/revoke"] = "admin", ["GET /badges/issuer"] = "public",
        ["GET /badges/classes/{belt}"] = "public", ["GET /badges/classes/{belt}/image"] = "public", ["GET /badges/assertions/{id}"] = "public",
        ["GET /dojo/team"] = "dojo-team", ["GET /api/dojo/team/{group}/progress.csv"] = "dojo-team",
        ["GET /{**path:file}"] = "signed-in", ["GET /_framework/opaque-redirect"] = "signed-in",
        ["POST /api/dora/argocd"] = "dora-write", ["POST /api/dora/alertmanager"] = "dora-write", ["POST /api/dora/jenkins"] = "dora-write",
        // Template tasks: which task a caller sees is the handler's rule (their own; Admins all; approvers the ones they decide).
        ["POST /api/scaffolder/v2/tasks"] = "template-api", ["GET /api/scaffolder/v2/tasks"] = "template-api",
        ["GET /api/scaffolder/v2/tasks/{id}"] = "template-api", ["POST /api/scaffolder/v2/tasks/{id}/cancel"] = "template-api",
        ["POST /api/scaffolder/v2/tasks/{id}/approve"] = "template-api", ["POST /api/scaffolder/v2/tasks/{id}/reject"] = "template-api",
        ["GET /api/scaffolder/v2/tasks/{id}/events"] = "template-api", ["GET /api/scaffolder/v2/tasks/{id}/eventstream"] = "template-api",
        ["GET /api/scaffolder/v2/templates/{namespace}/{kind}/{name}/parameter-schema"] = "read",
        ["GET /api/live/{kind}/{namespace}/{name}/sonarqube"] = "read", ["GET /api/live/{kind}/{namespace}/{name}/kubernetes/logs"] = "live-action",
        ["POST /api/scaffolder/v2/dry-run"] = "template-api", ["GET /api/scaffolder/v2/actions"] = "read",
        ["GET /create/tasks"] = "template-page", ["GET /create/tasks/{id:guid}"] = "template-page",
    };

    private IEnumerable<RouteEndpoint> Endpoints =>
        fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"));

    private static string Pattern(RouteEndpoint e) => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');

    private static IEnumerable<string> Keys(RouteEndpoint e) =>
        (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Where(m => m is not "OPTIONS" and not "CONNECT" and not "HEAD")
            .Select(m => $"{m} {Pattern(e)}");

    /// <summary>
    /// The DevLake webhook paths are one class whatever the connection, the Blazor hub belongs to any signed-in user, and a page
    /// takes form posts (Blazor's enhanced forms) under the same rule as its GET.
    /// </summary>
    private static string? ClassOf(string key) =>
        Rows.TryGetValue(key, out var c) ? c
        : key.StartsWith("POST /", StringComparison.Ordinal) && !key.StartsWith("POST /api", StringComparison.Ordinal)
            && Rows.TryGetValue("GET " + key[5..], out var page) ? page
        : key.Contains("/api/plugins/webhook/", StringComparison.Ordinal) ? "dora-write"
        : key.Contains("/_blazor", StringComparison.Ordinal) ? "signed-in"
        : null;

    [Fact]
    public void Every_endpoint_has_a_row()
    {
        var missing = Endpoints.SelectMany(Keys).Distinct().Where(k => ClassOf(k) is null).ToList();

        Assert.True(missing.Count == 0, "Endpoints without a row in the permission matrix (decide who may call them):\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task Every_endpoint_answers_every_caller_as_the_table_says()
    {
        var callers = await CallersAsync();
        var failures = new List<string>();
        foreach (var key in Endpoints.SelectMany(Keys).Distinct().Where(k => ClassOf(k) is not null && !k.Contains("/_blazor", StringComparison.Ordinal)))
        {
            var allowed = Classes[ClassOf(key)!].Split(' ');
            var (method, pattern) = (key[..key.IndexOf(' ', StringComparison.Ordinal)], key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            foreach (var (name, client) in callers)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), EndpointAuthorizationTests.Concrete(pattern));
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }
                using var response = await client.SendAsync(request);
                var outcome = Outcome(name, response);
                if (outcome != (allowed.Contains(name) ? "allowed" : "refused"))
                {
                    failures.Add($"{key} as {name} → {(int)response.StatusCode} {response.Headers.Location} ({outcome})");
                }
            }
        }
        Assert.True(failures.Count == 0, "Answers that differ from the matrix:\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// Refused: 401 or a sign-in redirect for anonymous callers, 403 or the access-denied page for signed-in ones.
    /// A signed-in caller sent to the sign-in page would mean the session was not recognised (also a failure).
    /// </summary>
    private static string Outcome(string caller, HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        var toSignIn = response.StatusCode == HttpStatusCode.Redirect && location.Contains("/signin?ReturnUrl", StringComparison.OrdinalIgnoreCase);
        var toDenied = response.StatusCode == HttpStatusCode.Redirect && location.Contains("/access-denied", StringComparison.Ordinal);
        if (caller == "anonymous")
        {
            return response.StatusCode == HttpStatusCode.Unauthorized || toSignIn ? "refused" : "allowed";
        }
        if (toSignIn || response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return "not signed in";
        }
        return response.StatusCode == HttpStatusCode.Forbidden || toDenied ? "refused" : "allowed";
    }

    private async Task<List<(string Name, HttpClient Client)>> CallersAsync()
    {
        var callers = new List<(string, HttpClient)> { ("anonymous", fixture.Host.NewClient()) };
        foreach (var role in People)
        {
            var jar = new CookieContainer();
            using (var signIn = fixture.Host.NewClient(cookies: jar))
            {
                (await HttpSignIn.SignInAsync(signIn, DemoLogin[role], role)).Dispose();
            }
            // The cookie travels as a header, so a sign-out in the matrix cannot end the session for later rows.
            var client = fixture.Host.NewClient();
            client.DefaultRequestHeaders.Add("Cookie", jar.GetCookieHeader(fixture.Host.BaseAddress));
            callers.Add((role, client));
        }
        var tokens = fixture.Host.Services.GetRequiredService<ApiTokenService>();
        foreach (var scope in TokenScopes)
        {
            var created = await tokens.CreateAsync($"matrix-{scope}-{Guid.NewGuid():N}", [scope], 1, "matrix-test");
            callers.Add(($"t:{scope}", fixture.Host.NewClient(created.Secret)));
        }
        return callers;
    }
}
