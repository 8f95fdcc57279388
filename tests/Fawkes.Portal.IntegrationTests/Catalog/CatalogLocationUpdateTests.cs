using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Catalog;

/// <summary>
/// <c>PUT /locations/{id}</c> (catalog-client's updateLocation) on real PostgreSQL: as Backstage 4.0.5, same id with the
/// new type and target, 409 for another location's target, 404 for an unknown id, 400 for a bad body or
/// type; as the portal, the new target passes Catalog:FileRoots and what only the old target held goes.
/// </summary>
public sealed class CatalogLocationUpdateTests(CatalogFixture fixture) : IClassFixture<CatalogFixture>
{
    private HttpClient Api => fixture.Api;

    private async Task<string> WriteComponentAsync(string file, string name)
    {
        var path = Path.Combine(fixture.Folder, file);
        await File.WriteAllTextAsync(path, $"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: {name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n");
        return path;
    }

    private async Task<string> RegisterAsync(string target)
    {
        var added = await Api.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return (await added.Content.ReadFromJsonAsync<JsonObject>())!["location"]!["id"]!.GetValue<string>();
    }

    private async Task ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string name, string? message = null)
    {
        Assert.Equal(status, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        Assert.Equal(name, error["name"]!.GetValue<string>());
        if (message is not null)
        {
            Assert.Equal(message, error["message"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Updating_keeps_the_id_reads_the_new_target_and_drops_what_only_the_old_one_held()
    {
        var before = await WriteComponentAsync("update-before.yaml", "update-before");
        var after = await WriteComponentAsync("update-after.yaml", "update-after");
        var id = await RegisterAsync(before);

        var response = await Api.PutAsJsonAsync($"/api/catalog/locations/{id}", new { type = "file", target = after });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(id, body["id"]!.GetValue<string>());
        Assert.Equal(after, body["target"]!.GetValue<string>());
        Assert.Equal("file", body["type"]!.GetValue<string>());
        Assert.StartsWith("location:default/generated-", body["entityRef"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(after, (await Api.GetFromJsonAsync<JsonObject>($"/api/catalog/locations/{id}"))!["target"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/api/catalog/entities/by-name/component/default/update-after")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("/api/catalog/entities/by-name/component/default/update-before")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync($"/api/catalog/locations/{id}")).StatusCode);
    }

    [Fact]
    public async Task Conflicts_missing_ids_bad_bodies_and_files_outside_the_roots_are_refused()
    {
        var first = await RegisterAsync(await WriteComponentAsync("update-one.yaml", "update-one"));
        var secondTarget = await WriteComponentAsync("update-two.yaml", "update-two");
        var second = await RegisterAsync(secondTarget);

        await ErrorAsync(await Api.PutAsJsonAsync($"/api/catalog/locations/{first}", new { type = "file", target = secondTarget }),
            HttpStatusCode.Conflict, "ConflictError", $"Location file:{secondTarget} already exists");
        await ErrorAsync(await Api.PutAsJsonAsync("/api/catalog/locations/00000000-0000-0000-0000-000000000000", new { type = "file", target = "/x.yaml" }),
            HttpStatusCode.NotFound, "NotFoundError", "Found no location with ID 00000000-0000-0000-0000-000000000000");
        await ErrorAsync(await Api.PutAsJsonAsync($"/api/catalog/locations/{first}", new { type = "nope", target = "x" }), HttpStatusCode.BadRequest, "InputError");
        await ErrorAsync(await Api.PutAsJsonAsync($"/api/catalog/locations/{first}", new { type = "file" }),
            HttpStatusCode.BadRequest, "InputError", "request/body must have required property 'target'");
        await ErrorAsync(await Api.PutAsJsonAsync($"/api/catalog/locations/{first}", new { type = "file", target = "/etc/passwd" }), HttpStatusCode.BadRequest, "InputError");
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/api/catalog/entities/by-name/component/default/update-one")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync($"/api/catalog/locations/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync($"/api/catalog/locations/{second}")).StatusCode);
    }
}
