using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.IntegrationTests.Catalog;

/// <summary>Backstage's ingestion rules and bad input, each against real PostgreSQL and real files/HTTP.</summary>
public sealed class IngestionTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fawkes-ingest-").FullName;
    private PortalHost _host = default!;
    private HttpClient _api = default!;
    private StaticHttpServer _web = default!;

    private LocationService Locations => _host.Services.GetRequiredService<LocationService>();

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
    }

    private static string Component(string name, string owner = "team-a", string extra = "") =>
        $"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: {name}\nspec:\n  type: service\n  lifecycle: production\n  owner: {owner}\n{extra}";

    private string Write(string file, string content)
    {
        var path = Path.Combine(_folder, file);
        File.WriteAllText(path, content);
        return path;
    }

    private async Task<HttpResponseMessage> RegisterAsync(string type, string target, bool dryRun = false) =>
        await _api.PostAsJsonAsync($"/api/catalog/locations{(dryRun ? "?dryRun=true" : "")}", new { type, target });

    private async Task<JsonObject?> EntityAsync(string name)
    {
        var response = await _api.GetAsync($"/api/catalog/entities/by-name/component/default/{name}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
    }

    private async Task<JsonObject> LocationAsync(string id) => (await _api.GetFromJsonAsync<JsonObject>($"/api/catalog/locations/{id}"))!;

    private static async Task<string> IdOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["location"]!["id"]!.GetValue<string>();

    [Fact]
    public async Task A_registered_url_is_queryable_within_two_seconds()
    {
        var url = _web.Put("repo/catalog-info.yaml", Component("fresh-service"));
        var clock = Stopwatch.StartNew();

        var response = await RegisterAsync("url", url);
        var entity = await EntityAsync("fresh-service");
        clock.Stop();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(entity);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Equal($"url:{url}", entity!["metadata"]!["annotations"]!["backstage.io/managed-by-location"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await RegisterAsync("url", url)).StatusCode);
    }

    [Fact]
    public async Task Dry_run_previews_without_storing()
    {
        var url = _web.Put("dry/catalog-info.yaml", Component("dry-service"));

        var response = await RegisterAsync("url", url, dryRun: true);

        // As Backstage: 201, the location's own generated Location entity first, then what it holds.
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["Location", "Component"], body["entities"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()));
        Assert.Equal("dry-service", body["entities"]![1]!["metadata"]!["name"]!.GetValue<string>());
        Assert.False(body["exists"]!.GetValue<bool>());
        Assert.Null(await EntityAsync("dry-service"));
    }

    [Fact]
    public async Task An_entity_that_disappears_becomes_an_orphan_and_comes_back_when_restored()
    {
        var path = Write("two.yaml", Component("keep-me") + "---\n" + Component("drop-me"));
        var id = await IdOf(await RegisterAsync("file", path));

        Write("two.yaml", Component("keep-me"));
        await Locations.ProcessAsync(Guid.Parse(id), force: false, CancellationToken.None);

        var orphan = (await EntityAsync("drop-me"))!;
        Assert.Equal("true", orphan["metadata"]!["annotations"]!["backstage.io/orphan"]!.GetValue<string>());
        Assert.Null((await EntityAsync("keep-me"))!["metadata"]!["annotations"]!["backstage.io/orphan"]);

        Write("two.yaml", Component("keep-me") + "---\n" + Component("drop-me"));
        await Locations.ProcessAsync(Guid.Parse(id), force: false, CancellationToken.None);
        Assert.Null((await EntityAsync("drop-me"))!["metadata"]!["annotations"]!["backstage.io/orphan"]);
    }

    [Fact]
    public async Task A_later_failure_keeps_the_last_good_version_with_the_error_in_status()
    {
        var path = Write("breaks.yaml", Component("breaks-later", owner: "team-good"));
        var id = await IdOf(await RegisterAsync("file", path));

        Write("breaks.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: breaks-later\nspec:\n  type: service\n  owner: team-new\n");
        await Locations.ProcessAsync(Guid.Parse(id), force: false, CancellationToken.None);

        var entity = (await EntityAsync("breaks-later"))!;
        Assert.Equal("team-good", entity["spec"]!["owner"]!.GetValue<string>());
        var message = entity["status"]!["items"]![0]!["message"]!.GetValue<string>();
        Assert.Contains("breaks.yaml line 5", message, StringComparison.Ordinal);
        Assert.Contains("spec.lifecycle is required", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entity_that_never_processed_cleanly_is_absent_and_its_errors_are_on_the_location()
    {
        var path = Write("never.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: Not_Valid!\nspec:\n  type: service\n");
        var response = await RegisterAsync("file", path);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var errors = (await LocationAsync(await IdOf(response)))["errors"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()).ToList();
        Assert.Contains(errors, e => e.Contains("never.yaml line 4", StringComparison.Ordinal) && e.Contains("not a valid name", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("spec.owner is required", StringComparison.Ordinal));
        Assert.Null(await EntityAsync("Not_Valid!"));
    }

    [Fact]
    public async Task Malformed_yaml_is_reported_with_its_line_and_loses_nothing_else()
    {
        var path = Write("broken.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: \"unterminated\nspec: {}\n");

        var id = await IdOf(await RegisterAsync("file", path));

        var error = (await LocationAsync(id))["errors"]![0]!["message"]!.GetValue<string>();
        Assert.Matches(@"broken\.yaml line \d+, column \d+: Malformed YAML", error);
        Assert.NotNull((await _api.GetFromJsonAsync<JsonArray>("/api/catalog/entities")));
    }

    [Fact]
    public async Task The_second_location_with_the_same_entity_gets_a_conflict_and_the_first_keeps_it()
    {
        var first = await IdOf(await RegisterAsync("file", Write("first.yaml", Component("contested", owner: "team-first"))));
        var second = await IdOf(await RegisterAsync("file", Write("second.yaml", Component("contested", owner: "team-second"))));

        Assert.Equal("team-first", (await EntityAsync("contested"))!["spec"]!["owner"]!.GetValue<string>());
        var error = (await LocationAsync(second))["errors"]![0]!["message"]!.GetValue<string>();
        Assert.Contains("Conflict: component:default/contested is already registered by another location", error, StringComparison.Ordinal);
        Assert.Null((await LocationAsync(first))["errors"]);
    }

    [Fact]
    public async Task Dangling_relations_are_kept()
    {
        await RegisterAsync("file", Write("dangling.yaml", Component("lonely", owner: "no-such-team", extra: "  dependsOn: [resource:ghost-db]\n")));

        var relations = (await EntityAsync("lonely"))!["relations"]!.AsArray().Select(r => r!["targetRef"]!.GetValue<string>()).ToList();

        Assert.Contains("group:default/no-such-team", relations);
        Assert.Contains("resource:default/ghost-db", relations);
    }

    [Fact]
    public async Task Placeholders_read_relative_files_but_not_outside_the_folder()
    {
        Write("openapi.yaml", "openapi: 3.0.0\ninfo: { title: T, version: '1' }\npaths: {}\n");
        var api = "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: with-text\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition:\n    $text: ./openapi.yaml\n";
        var escape = api.Replace("with-text", "escapes", StringComparison.Ordinal).Replace("./openapi.yaml", "../../etc/passwd", StringComparison.Ordinal);
        var id = await IdOf(await RegisterAsync("file", Write("apis.yaml", api + "---\n" + escape)));

        var entity = (await _api.GetFromJsonAsync<JsonObject>("/api/catalog/entities/by-name/api/default/with-text"))!;
        Assert.StartsWith("openapi: 3.0.0", entity["spec"]!["definition"]!.GetValue<string>(), StringComparison.Ordinal);
        var error = (await LocationAsync(id))["errors"]![0]!["message"]!.GetValue<string>();
        Assert.Contains("points outside the folder", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file", "/etc/passwd", "Location target /etc/passwd is outside Catalog:FileRoots")]
    [InlineData("url", "https://evil.example/catalog-info.yaml", "is not allowed")]
    [InlineData("ftp", "x", "Registered locations must be of an allowed type")]
    public async Task Locations_the_portal_must_not_read_are_refused(string type, string target, string reason)
    {
        var response = await RegisterAsync(type, target);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_source_is_an_error_on_its_location_and_the_catalog_keeps_working()
    {
        await RegisterAsync("file", Write("ok.yaml", Component("still-here")));
        var id = await IdOf(await RegisterAsync("url", "http://localhost:1/catalog-info.yaml"));

        var error = (await LocationAsync(id))["errors"]![0]!["message"]!.GetValue<string>();
        Assert.Contains("Could not read http://localhost:1/catalog-info.yaml", error, StringComparison.Ordinal);
        Assert.NotNull(await EntityAsync("still-here"));
    }

    [Fact]
    public async Task The_same_entity_twice_in_one_location_is_reported_and_the_first_is_kept()
    {
        var id = await IdOf(await RegisterAsync("file", Write("twice.yaml", Component("twin", owner: "team-first") + "---\n" + Component("Twin", owner: "team-second"))));

        Assert.Equal("team-first", (await EntityAsync("twin"))!["spec"]!["owner"]!.GetValue<string>());
        var error = (await LocationAsync(id))["errors"]![0]!["message"]!.GetValue<string>();
        Assert.Contains("Duplicate entity component:default/Twin: already defined in file:", error, StringComparison.Ordinal);
        Assert.Contains("twice.yaml line 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_with_the_limit_named()
    {
        var big = Component("huge") + "  description: |\n" + string.Concat(Enumerable.Repeat("    " + new string('x', 100) + "\n", 12_000));

        var id = await IdOf(await RegisterAsync("file", Write("huge.yaml", big)));

        var error = (await LocationAsync(id))["errors"]![0]!["message"]!.GetValue<string>();
        Assert.Contains("over the limit of 1,048,576 (Catalog:MaxFileBytes)", error, StringComparison.Ordinal);
        Assert.Null(await EntityAsync("huge"));
    }

    [Fact]
    public async Task Values_with_tabs_newlines_and_backslashes_are_stored_and_matched_exactly()
    {
        // Search rows go to PostgreSQL in COPY's text format, where these characters (and \N, \.) have meanings.
        const string yaml = @"tab\there\nnew line\rreturn \\N back\\slash \\. end";
        const string value = "tab\there\nnew line\rreturn \\N back\\slash \\. end";
        await RegisterAsync("file", Write("odd.yaml", Component("odd-values").Replace("spec:\n", $"  annotations:\n    fawkes.io/odd: \"{yaml}\"\nspec:\n", StringComparison.Ordinal)));

        var facets = (await _api.GetFromJsonAsync<JsonObject>("/api/catalog/entity-facets?facet=metadata.annotations.fawkes.io/odd"))!;
        var matched = (await _api.GetFromJsonAsync<JsonArray>($"/api/catalog/entities?filter=metadata.annotations.fawkes.io/odd={Uri.EscapeDataString(value)}&fields=metadata.name"))!;

        Assert.Equal(value, facets["facets"]!["metadata.annotations.fawkes.io/odd"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("odd-values", Assert.Single(matched)!["metadata"]!["name"]!.GetValue<string>());
    }
}
