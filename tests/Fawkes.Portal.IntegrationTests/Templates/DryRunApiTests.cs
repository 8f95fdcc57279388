using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Yaml;
using Fawkes.Portal.Testing;

namespace Fawkes.Portal.IntegrationTests.Templates;

/// <summary>
/// <c>POST /api/scaffolder/v2/dry-run</c> end to end on PostgreSQL: the golden path's files rendered, publish skipped with
/// example outputs, Backstage's error bodies for bad requests. (Byte-for-byte parity with Backstage is
/// compat/scaffolder/diff.sh's job.)
/// </summary>
public sealed class DryRunApiTests(PostgresPortalFixture fixture) : IClassFixture<PostgresPortalFixture>
{
    private PortalHost _host => fixture.Host;
    private HttpClient _api => fixture.Host.NewClient(bearer: PortalHost.BootstrapToken);

    private static JsonObject Body(string templateFolder, JsonObject values)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "content", "templates", templateFolder);
        var template = Yaml(File.ReadAllText(Path.Combine(root, "template.yaml")));
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => (JsonNode)new JsonObject
        {
            ["path"] = Path.GetRelativePath(root, f).Replace('\\', '/'),
            ["base64Content"] = Convert.ToBase64String(File.ReadAllBytes(f)),
        }).ToArray();
        return new JsonObject { ["template"] = template, ["values"] = values, ["directoryContents"] = new JsonArray(files) };
    }

    [Fact]
    public async Task The_python_golden_path_dry_runs_with_its_files_and_skips_publishing()
    {
        var values = new JsonObject
        {
            ["name"] = "invoice-api", ["description"] = "Bills \"customers\" & partners", ["owner"] = "group:default/payments-team",
            ["repoUrl"] = "github.com?owner=fawkes-demo&repo=invoice-api", ["pythonVersion"] = "3.12",
        };
        var response = await _api.PostAsJsonAsync("/api/scaffolder/v2/dry-run", Body("python-fastapi-service", values));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var body = JsonNode.Parse(text)!.AsObject();
        var files = body["directoryContents"]!.AsArray().ToDictionary(f => (string)f!["path"]!, f => Encoding.UTF8.GetString(Convert.FromBase64String((string)f!["base64Content"]!)));
        Assert.Contains("catalog-info.yaml", files.Keys);
        Assert.Contains("name: invoice-api", files["catalog-info.yaml"], StringComparison.Ordinal);
        Assert.DoesNotContain("${{", string.Concat(files.Values), StringComparison.Ordinal);
        var statuses = body["log"]!.AsArray().Select(l => l!["body"]!).Where(b => b["status"] is not null)
            .Select(b => $"{b["stepId"]}:{b["status"]}").ToList();
        Assert.Contains("fetch:completed", statuses);
        Assert.Contains("publish:skipped", statuses);
        Assert.StartsWith("Starting up task with", (string)body["log"]![0]!["body"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(["fetch", "publish", "register", "argocd"], body["steps"]!.AsArray().Select(s => (string)s!["id"]!));
    }

    [Fact]
    public async Task Values_failing_the_parameter_schema_answer_400_with_each_field_before_anything_runs()
    {
        var values = new JsonObject { ["name"] = "Bad Name", ["repoUrl"] = "github.com?owner=fawkes-demo&repo=x" };
        var response = await _api.PostAsJsonAsync("/api/scaffolder/v2/dry-run", Body("python-fastapi-service", values));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray();
        Assert.True(errors.Any(e => ((string)e!["stack"]!).Contains("name", StringComparison.Ordinal) && ((string)e["message"]!).Contains("pattern", StringComparison.Ordinal)),
            errors.ToJsonString());
        Assert.True(errors.Any(e => ((string)e!["stack"]!).Contains("description", StringComparison.Ordinal)), errors.ToJsonString());
    }

    [Fact]
    public async Task A_missing_field_answers_Backstages_input_error()
    {
        var response = await _api.PostAsJsonAsync("/api/scaffolder/v2/dry-run", new JsonObject { ["values"] = new JsonObject(), ["directoryContents"] = new JsonArray() });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        Assert.Equal("InputError", (string)error["name"]!);
        Assert.Equal("request/body must have required property 'template'", (string)error["message"]!);
    }

    [Fact]
    public async Task A_skeleton_path_escaping_the_workspace_is_refused_before_anything_runs()
    {
        var template = Yaml("""
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata: { name: escape }
            spec:
              steps:
                - id: fetch
                  action: fetch:template
                  input: { url: ./skeleton, targetPath: ../outside }
            """);
        var body = new JsonObject
        {
            ["template"] = template, ["values"] = new JsonObject(),
            ["directoryContents"] = new JsonArray(new JsonObject { ["path"] = "skeleton/a.txt", ["base64Content"] = Convert.ToBase64String("a"u8.ToArray()) }),
        };
        var response = await _api.PostAsJsonAsync("/api/scaffolder/v2/dry-run", body);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("NotAllowedError", (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["name"]!);
    }

    private static JsonObject Yaml(string text) => CatalogYamlReader.Read(text).Documents[0].Root!.AsObject();

    [Fact]
    public async Task Anonymous_callers_are_refused() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.NewClient().PostAsJsonAsync("/api/scaffolder/v2/dry-run", new JsonObject())).StatusCode);
}
