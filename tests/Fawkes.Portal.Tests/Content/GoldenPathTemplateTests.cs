using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Yaml;

namespace Fawkes.Portal.Tests.Content;

/// <summary>
/// The golden paths shipped in content/templates: each a Backstage v1beta3 Template whose steps use the actions the portal
/// runs, and whose fetch:template step passes every value its skeleton uses (Fawkes' upstream python-service does not,
/// and fails in Backstage). Rendering with the portal's engine is tested where the engine lives.
/// </summary>
public sealed class GoldenPathTemplateTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "content", "templates");

    private static readonly string[] TemplateNames = ["python-fastapi-service", "java-spring-service", "nodejs-express-service", "dotnet-minimal-api"];

    public static readonly TheoryData<string> Names = new(TemplateNames);

    private static readonly string[] KnownActions = ["fetch:template", "publish:github", "catalog:register", "argocd:create-app"];

    private static readonly string[] SkeletonFiles =
    [
        "catalog-info.yaml", "Dockerfile", "Jenkinsfile", "README.md", "mkdocs.yml", "docs/index.md",
        "deploy/k8s/deployment.yaml", "deploy/k8s/service.yaml",
    ];

    [Fact]
    public void The_templates_location_lists_exactly_the_template_folders()
    {
        var location = Yaml(Path.Combine(Root, "all.yaml"));
        var folders = Directory.GetDirectories(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal("Location", S(location["kind"]));
        Assert.Equal(folders.Select(f => $"./{f}/template.yaml"), location["spec"]!["targets"]!.AsArray().Select(S).Order(StringComparer.Ordinal));
        Assert.Equal(TemplateNames.Order(StringComparer.Ordinal), folders);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_template_is_a_v1beta3_Template_with_the_golden_path_steps(string name)
    {
        var template = Yaml(Path.Combine(Root, name, "template.yaml"));
        var spec = template["spec"]!.AsObject();

        Assert.Equal(("scaffolder.backstage.io/v1beta3", "Template", name), (S(template["apiVersion"]), S(template["kind"]), S(template["metadata"]!["name"])));
        Assert.Equal(("platform-team", "service"), (S(spec["owner"]), S(spec["type"])));
        Assert.NotEmpty(template["metadata"]!["tags"]!.AsArray());
        Assert.InRange(spec["parameters"]!.AsArray().Count, 2, 3);
        var steps = spec["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
        Assert.All(steps, s => Assert.Contains(S(s["action"]), KnownActions));
        Assert.Equal(KnownActions, steps.Select(s => S(s["action"])));

        Assert.Equal("./skeleton", S(Input(steps, "fetch:template")["url"]));
        var publish = Input(steps, "publish:github");
        Assert.Equal("main", S(publish["defaultBranch"]));
        Assert.Contains(S(publish["repoVisibility"]), new[] { "internal", "private" });
        Assert.Equal("${{ steps.publish.output.repoContentsUrl }}", S(Input(steps, "catalog:register")["repoContentsUrl"]));
        Assert.Equal("/catalog-info.yaml", S(Input(steps, "catalog:register")["catalogInfoPath"]));
        var argo = Input(steps, "argocd:create-app");
        Assert.Equal(["appName", "namespace", "path", "project", "repoUrl"], argo.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(("deploy/k8s", "default"), (S(argo["path"]), S(argo["project"])));

        var links = spec["output"]!["links"]!.AsArray();
        Assert.Equal(["Repository", "Open in catalog", "Argo CD application"], links.Select(l => S(l!["title"])));
        Assert.Equal("${{ steps.register.output.entityRef }}", S(links[1]!["entityRef"]));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_parameters_use_the_golden_path_pickers(string name)
    {
        var properties = Yaml(Path.Combine(Root, name, "template.yaml"))["spec"]!["parameters"]!.AsArray()
            .SelectMany(p => p!["properties"]!.AsObject()).ToDictionary(p => p.Key, p => p.Value!);

        Assert.Equal(("EntityNamePicker", true), (S(properties["name"]["ui:field"]), properties["name"]["pattern"] is not null));
        Assert.Equal(("OwnerPicker", "Group"), (S(properties["owner"]["ui:field"]), S(properties["owner"]["ui:options"]!["catalogFilter"]!["kind"])));
        Assert.Equal(("EntityPicker", "System"), (S(properties["system"]["ui:field"]), S(properties["system"]["ui:options"]!["allowedKinds"]![0])));
        var repo = properties["repoUrl"]["ui:options"]!;
        Assert.Equal(("RepoUrlPicker", "github.com", "fawkes-demo"),
            (S(properties["repoUrl"]["ui:field"]), S(repo["allowedHosts"]![0]), S(repo["allowedOwners"]![0])));
        Assert.Contains(properties.Values, p => p["enum"] is JsonArray { Count: > 1 }); // a language option, e.g. the runtime version
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_value_the_skeleton_uses_is_passed_by_the_fetch_step(string name)
    {
        var skeleton = Path.Combine(Root, name, "skeleton");
        var files = Directory.EnumerateFiles(skeleton, "*", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(skeleton, f).Replace('\\', '/'), File.ReadAllText(f))).ToList();
        var steps = Yaml(Path.Combine(Root, name, "template.yaml"))["spec"]!["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
        var passed = Input(steps, "fetch:template")["values"]!.AsObject().Select(v => v.Key).ToList();

        Assert.Empty(SkeletonValues.NotPassed(files, passed));
        Assert.Contains("name", SkeletonValues.Used(files).Keys); // the scan found the values it checks
        Assert.All(SkeletonFiles, f => Assert.Contains(f, files.Select(x => x.Item1)));
        Assert.DoesNotContain(files, f => f.Item2.Contains("{#", StringComparison.Ordinal)); // Nunjucks would read a comment
    }

    [Fact]
    public void The_scan_reports_a_value_the_step_does_not_pass_with_the_file_that_uses_it()
    {
        // The upstream python-service defect: the skeleton reads repoUrl, the step passes only name and owner.
        (string, string)[] files =
        [
            ("catalog-info.yaml", "name: ${{ values.name }}\nslug: ${{ (values.repoUrl | parseRepoUrl).repo }}\n"),
            ("src/${{ values['packageName'] }}/main.py", "owner = '${{ values.owner }}'\n"),
        ];

        var missing = SkeletonValues.NotPassed(files, ["name", "owner"]);

        Assert.Equal(["values.packageName (first used in src/${{ values['packageName'] }}/main.py)", "values.repoUrl (first used in catalog-info.yaml)"], missing);
    }

    private static JsonObject Input(List<JsonObject> steps, string action) => steps.Single(s => S(s["action"]) == action)["input"]!.AsObject();

    private static JsonObject Yaml(string file)
    {
        var read = CatalogYamlReader.Read(File.ReadAllText(file));
        Assert.True(read.Error is null, $"{file}: {read.Error?.Describe(file)}");
        return Assert.Single(read.Documents).Root!.AsObject();
    }

    private static string? S(JsonNode? node) => node?.GetValue<string>();
}
