using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Catalog;

/// <summary>
/// A <c>$text</c>/<c>$json</c>/<c>$yaml</c> that cannot be read fails only the entity naming it (as Backstage's processing
/// does: the entity is not stored, the error is recorded), never the registration or the other entities of the file.
/// </summary>
public sealed class PlaceholderFailureTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fawkes-placeholders-").FullName;
    private PortalHost _host = default!;
    private HttpClient _api = default!;
    private StaticHttpServer _web = default!;

    public async Task InitializeAsync()
    {
        _host = await PortalHost.StartPostgresAsync(CatalogFixture.Settings(_folder));
        _api = _host.NewClient(bearer: PortalHost.BootstrapToken);
        _web = await StaticHttpServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _web.DisposeAsync();
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Api(string name, string placeholder) =>
        $"apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: {name}\nspec:\n  type: openapi\n  lifecycle: production\n" +
        $"  owner: team-a\n  definition:\n    {placeholder}\n";

    private static string Component(string name) =>
        $"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: {name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n";

    /// <summary>A loopback port nothing listens on: bound by the OS, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private async Task<(HttpStatusCode Status, string Id, List<string> Errors)> RegisterAsync(string file, string content)
    {
        var path = Path.Combine(_folder, file);
        await File.WriteAllTextAsync(path, content);
        var response = await _api.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = path });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var id = body?["location"]?["id"]?.GetValue<string>() ?? throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
        var location = (await _api.GetFromJsonAsync<JsonObject>($"/api/catalog/locations/{id}"))!;
        var errors = location["errors"]?.AsArray().Select(e => e!["message"]!.GetValue<string>()).ToList() ?? [];
        return (response.StatusCode, id, errors);
    }

    private async Task<JsonObject?> EntityAsync(string kind, string name)
    {
        var response = await _api.GetAsync($"/api/catalog/entities/by-name/{kind}/default/{name}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
    }

    [Fact]
    public async Task Unreadable_placeholders_fail_only_their_own_entities_and_registration_answers_201()
    {
        var served = _web.Put("petstore.yaml", "openapi: 3.0.0\n");
        var missing = new Uri(_web.BaseAddress, "no-such-definition.yaml").ToString();
        var refused = $"http://localhost:{ClosedPort()}/x";
        var file = string.Join("---\n",
            Component("sibling"),
            Api("refused-port", $"$text: {refused}"),
            Api("not-allowed", "$json: https://evil.example/definition.json"),
            Api("not-found", $"$yaml: {missing}"),
            Api("readable", $"$text: {served}"));

        var (status, _, errors) = await RegisterAsync("apis.yaml", file);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.NotNull(await EntityAsync("component", "sibling"));
        Assert.Equal("openapi: 3.0.0\n", (await EntityAsync("api", "readable"))!["spec"]!["definition"]!.GetValue<string>());
        foreach (var (name, reason) in new[] { ("refused-port", refused), ("not-allowed", "is not allowed"), ("not-found", "answered 404") })
        {
            Assert.Null(await EntityAsync("api", name));
            var error = Assert.Single(errors, e => e.Contains($"api:default/{name} spec.definition:", StringComparison.Ordinal));
            Assert.Contains("apis.yaml line ", error, StringComparison.Ordinal);
            Assert.Contains(reason, error, StringComparison.Ordinal);
        }
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public async Task An_entity_whose_placeholder_stops_being_readable_keeps_its_last_version_with_the_error_in_its_status()
    {
        var url = _web.Put("flaky-definition.yaml", "openapi: 3.0.0\n");
        var (_, id, _) = await RegisterAsync("flaky.yaml", Api("flaky", $"$text: {url}"));
        Assert.NotNull(await EntityAsync("api", "flaky"));

        _web.Handle("flaky-definition.yaml", ctx => { ctx.Response.StatusCode = 404; return Task.CompletedTask; });
        var refresh = await _api.PostAsJsonAsync("/api/catalog/refresh", new { entityRef = "api:default/flaky" });
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var errors = (await _api.GetFromJsonAsync<JsonObject>($"/api/catalog/locations/{id}"))!["errors"]!.AsArray()
            .Select(e => e!["message"]!.GetValue<string>()).ToList();

        var entity = (await EntityAsync("api", "flaky"))!;
        Assert.Equal("openapi: 3.0.0\n", entity["spec"]!["definition"]!.GetValue<string>());
        var status = entity["status"]!["items"]![0]!["message"]!.GetValue<string>();
        Assert.Contains("api:default/flaky spec.definition:", status, StringComparison.Ordinal);
        Assert.Contains("answered 404", status, StringComparison.Ordinal);
        Assert.Contains(errors, e => e.Contains("api:default/flaky spec.definition:", StringComparison.Ordinal));
    }
}
