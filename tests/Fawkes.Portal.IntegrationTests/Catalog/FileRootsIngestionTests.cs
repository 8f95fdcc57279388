using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Catalog;

/// <summary>Attacks on the catalog's file reading, through the API: nested Locations escaping the roots, and deep YAML.</summary>
public sealed class FileRootsIngestionTests : IAsyncLifetime
{
    private readonly string _base = Directory.CreateTempSubdirectory("fawkes-roots-").FullName;
    private string Root => Path.Combine(_base, "root");
    private string Outside => Path.Combine(_base, "outside");
    private PortalHost _host = default!;
    private HttpClient _api = default!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Path.Combine(Outside, "globbed", "deeper"));
        _host = await PortalHost.StartPostgresAsync(CatalogFixture.Settings(Root));
        _api = _host.NewClient(bearer: PortalHost.BootstrapToken);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _host.DisposeAsync();
        Directory.Delete(_base, recursive: true);
    }

    private static string Component(string name, string extra = "") =>
        $"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: {name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n{extra}";

    private static string Location(string name, params string[] targets) =>
        $"apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: {name}\nspec:\n  targets:\n{string.Concat(targets.Select(t => $"    - '{t}'\n"))}";

    private static string Write(string path, string content)
    {
        File.WriteAllText(path, content);
        return path;
    }

    private async Task<(HttpStatusCode Status, List<string> Errors)> RegisterAsync(string path)
    {
        var response = await _api.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = path });
        // The response embeds the entities read, which may be as deep as the limit allows.
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(), documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 128 });
        var id = body!["location"]!["id"]!.GetValue<string>();
        var location = (await _api.GetFromJsonAsync<JsonObject>($"/api/catalog/locations/{id}"))!;
        var errors = location["errors"]?.AsArray().Select(e => e!["message"]!.GetValue<string>()).ToList() ?? [];
        return (response.StatusCode, errors);
    }

    private async Task<bool> ExistsAsync(string kind, string name) =>
        (await _api.GetAsync($"/api/catalog/entities/by-name/{kind}/default/{name}")).IsSuccessStatusCode;

    [Fact]
    public async Task Nested_locations_pointing_outside_the_roots_are_refused_and_nothing_from_them_is_ingested()
    {
        Write(Path.Combine(Outside, "relative.yaml"), Component("escaped-relative"));
        Write(Path.Combine(Outside, "globbed", "deeper", "g.yaml"), Component("escaped-glob"));
        Write(Path.Combine(Outside, "linked.yaml"), Component("escaped-link"));
        Write(Path.Combine(Outside, "through-folder.yaml"), Component("escaped-folder-link"));
        File.CreateSymbolicLink(Path.Combine(Root, "link.yaml"), Path.Combine(Outside, "linked.yaml"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "shared"), "../outside");
        Write(Path.Combine(Root, "inside.yaml"), Component("stays-inside"));
        var escapes = new[]
        {
            "../outside/relative.yaml", $"{Outside}/globbed/**/*.yaml", "/etc/**/*.yaml", "./link.yaml", "./shared/through-folder.yaml",
        };
        var root = Write(Path.Combine(Root, "escape.yaml"), Location("escape", [.. escapes, "./inside.yaml"]));

        var (status, errors) = await RegisterAsync(root);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.True(await ExistsAsync("component", "stays-inside"));
        foreach (var name in new[] { "escaped-relative", "escaped-glob", "escaped-link", "escaped-folder-link" })
        {
            Assert.False(await ExistsAsync("component", name), $"{name} was read from outside the roots");
        }
        Assert.Equal(escapes.Length, errors.Count(e => e.Contains("outside Catalog:FileRoots", StringComparison.Ordinal)));
        Assert.Contains(errors, e => e.Contains($"Location target {Outside}/relative.yaml is outside", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains($"Location target {Outside}/globbed/**/*.yaml is outside", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Location target /etc/**/*.yaml is outside", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains($"Location target {Root}/link.yaml resolves to {Outside}/linked.yaml", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains($"resolves to {Outside}/through-folder.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_glob_under_the_root_with_a_match_linking_outside_is_refused_whole()
    {
        Directory.CreateDirectory(Path.Combine(Root, "many"));
        Write(Path.Combine(Root, "many", "a.yaml"), Component("glob-ok"));
        Write(Path.Combine(Outside, "glob-secret.yaml"), Component("glob-secret"));
        File.CreateSymbolicLink(Path.Combine(Root, "many", "b.yaml"), Path.Combine(Outside, "glob-secret.yaml"));

        var (_, errors) = await RegisterAsync(Write(Path.Combine(Root, "glob.yaml"), Location("globber", "./many/*.yaml")));

        Assert.False(await ExistsAsync("component", "glob-secret"));
        Assert.Contains(errors, e => e.Contains($"{Root}/many/b.yaml resolves to {Outside}/glob-secret.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_placeholder_through_a_symlink_out_of_the_root_is_refused()
    {
        Write(Path.Combine(Outside, "secret.txt"), "top secret");
        File.CreateSymbolicLink(Path.Combine(Root, "definition.txt"), Path.Combine(Outside, "secret.txt"));
        var api = "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: leaky\nspec:\n  type: openapi\n  lifecycle: production\n" +
            "  owner: team-a\n  definition:\n    $text: ./definition.txt\n";

        var (_, errors) = await RegisterAsync(Write(Path.Combine(Root, "leaky.yaml"), api));

        Assert.False(await ExistsAsync("api", "leaky"));
        Assert.Contains(errors, e => e.Contains("leaky.yaml line 9", StringComparison.Ordinal) && e.Contains($"resolves to {Outside}/secret.txt", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(10_000, true)]
    [InlineData(10_000, false)]
    [InlineData(100_000, true)]
    [InlineData(100_000, false)]
    public async Task Deeply_nested_yaml_is_an_error_on_its_location_and_the_portal_keeps_serving(int levels, bool flow)
    {
        var deep = flow
            ? $"  deep: {new string('[', levels)}x{new string(']', levels)}\n"
            : $"  deep:\n    {string.Concat(Enumerable.Repeat("- ", levels))}x\n";
        var file = Write(Path.Combine(Root, $"deep-{levels}-{flow}.yaml"), Component("deep", deep));

        var (status, errors) = await RegisterAsync(file);

        Assert.Equal(HttpStatusCode.Created, status);
        var error = Assert.Single(errors);
        Assert.Contains($"{file} line {(flow ? 9 : 10)}", error, StringComparison.Ordinal);
        Assert.Contains("nesting deeper than 64 levels", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("/api/catalog/entities")).StatusCode);
    }

    [Fact]
    public async Task Yaml_nested_exactly_to_the_limit_is_ingested_and_served_by_every_endpoint()
    {
        // Root mapping, spec, then 62 sequences: 64 levels, inside the envelopes the API wraps entities in.
        var file = Write(Path.Combine(Root, "at-limit.yaml"), Component("at-limit", $"  deep: {new string('[', 62)}x{new string(']', 62)}\n"));

        var (status, errors) = await RegisterAsync(file);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Empty(errors);
        foreach (var url in new[]
        {
            "/api/catalog/entities/by-name/component/default/at-limit", "/api/catalog/entities", "/api/catalog/entities/by-query?filter=metadata.name=at-limit",
        })
        {
            var response = await _api.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.Contains(new string('[', 62) + "\"x\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
