using System.Net;
using System.Text.RegularExpressions;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Operations;

public sealed partial class SecurityHeadersTests
{
    [Fact]
    public async Task Pages_API_problems_and_static_files_all_carry_the_security_headers()
    {
        await using var host = await PortalHost.StartPostgresAsync();
        using var anonymous = host.NewClient();
        using var api = host.NewClient(bearer: PortalHost.BootstrapToken);

        var responses = new (string What, HttpResponseMessage Response, HttpStatusCode Status)[]
        {
            ("HTML page", await anonymous.GetAsync("/signin"), HttpStatusCode.OK),
            ("API response", await api.GetAsync("/api/me"), HttpStatusCode.OK),
            ("401 problem", await anonymous.GetAsync("/api/me"), HttpStatusCode.Unauthorized),
            ("404 problem", await api.GetAsync("/api/catalog/entities/by-name/component/default/no-such-thing"), HttpStatusCode.NotFound),
            ("static file", await anonymous.GetAsync("/js/portal.js"), HttpStatusCode.OK),
        };

        foreach (var (what, response, status) in responses)
        {
            Assert.True(status == response.StatusCode, $"{what}: {response.StatusCode}");
            var csp = Header(response, "Content-Security-Policy");
            Assert.True(csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal), $"{what}: {csp}");
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.Matches("script-src 'self' 'nonce-[0-9a-f]{32}';", csp);
            foreach (var directive in new[] { "object-src 'none'", "base-uri 'self'", "form-action 'self'", "connect-src 'self'" })
            {
                Assert.Contains(directive, csp, StringComparison.Ordinal);
            }
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        }
        Assert.Equal("application/problem+json", responses[2].Response.Content.Headers.ContentType?.MediaType);
        // The catalog API answers errors in Backstage's JSON body (issue 8), not problem+json.
        Assert.Equal("application/json", responses[3].Response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_only_inline_script_carries_this_responses_nonce_and_every_other_script_is_a_file()
    {
        await using var host = await PortalHost.StartPostgresAsync();
        using var client = host.NewClient();

        var first = await client.GetAsync("/signin");
        var second = await client.GetAsync("/signin");
        var html = await first.Content.ReadAsStringAsync();
        var nonce = Regex.Match(Header(first, "Content-Security-Policy"), "'nonce-([^']+)'").Groups[1].Value;

        Assert.NotEqual(nonce, Regex.Match(Header(second, "Content-Security-Policy"), "'nonce-([^']+)'").Groups[1].Value);
        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, tag => Assert.True(tag.Contains(" src=", StringComparison.Ordinal) || tag.Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal), tag));
        Assert.DoesNotMatch(" on[a-z]+=\"", html);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri}: no {name} header");

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();
}
