using System.Text;

namespace Fawkes.Portal.Bench;

/// <summary>
/// Writes a synthetic catalog with the shape of the Backstage comparison run: per 10,000 entities 50 groups,
/// 1,500 users, 100 domains, 500 systems, 1,500 APIs, 1,000 resources and 5,350 components with owner, system,
/// dependsOn, providesApis and consumesApis. Deterministic for a given size.
/// </summary>
internal static class CatalogGenerator
{
    private const int EntitiesPerFile = 1_000;

    public static string Generate(int total, string folder)
    {
        var scale = total / 10_000.0;
        int groups = (int)(50 * scale), users = (int)(1_500 * scale), domains = (int)(100 * scale), systems = (int)(500 * scale),
            apis = (int)(1_500 * scale), resources = (int)(1_000 * scale);
        var components = total - groups - users - domains - systems - apis - resources;
        var random = new Random(42);
        var docs = new List<string>(total);
        string Group(int i) => $"group-{i % groups}";
        for (var i = 0; i < groups; i++)
        {
            docs.Add($"kind: Group\nmetadata:\n  name: group-{i}\n  description: Team {i}\nspec:\n  type: team\n  children: []\n{(i > 0 ? $"  parent: group-{(i - 1) / 5}\n" : "")}");
        }
        for (var i = 0; i < users; i++)
        {
            docs.Add($"kind: User\nmetadata:\n  name: user-{i}\nspec:\n  profile:\n    displayName: User {i}\n    email: user-{i}@example.com\n  memberOf: [{Group(i)}]\n");
        }
        for (var i = 0; i < domains; i++)
        {
            docs.Add($"kind: Domain\nmetadata:\n  name: domain-{i}\nspec:\n  owner: {Group(i)}\n");
        }
        for (var i = 0; i < systems; i++)
        {
            docs.Add($"kind: System\nmetadata:\n  name: system-{i}\nspec:\n  owner: {Group(i)}\n  domain: domain-{i % domains}\n");
        }
        for (var i = 0; i < apis; i++)
        {
            docs.Add($"kind: API\nmetadata:\n  name: api-{i}\n  tags: [{Tag(i)}]\nspec:\n  type: {(i % 10 == 0 ? "asyncapi" : "openapi")}\n  lifecycle: {Lifecycle(i)}\n  owner: {Group(i)}\n  system: system-{i % systems}\n  definition: |\n    openapi: 3.0.0\n    info: {{ title: API {i}, version: '1.0' }}\n    paths: {{}}\n");
        }
        for (var i = 0; i < resources; i++)
        {
            docs.Add($"kind: Resource\nmetadata:\n  name: resource-{i}\nspec:\n  type: {(i % 3 == 0 ? "s3-bucket" : "database")}\n  owner: {Group(i)}\n  system: system-{i % systems}\n");
        }
        for (var i = 0; i < components; i++)
        {
            var deps = string.Join(", ", Enumerable.Range(0, 2).Select(_ => random.Next(3) == 0 ? $"resource:resource-{random.Next(resources)}" : $"component:component-{random.Next(components)}"));
            docs.Add($"kind: Component\nmetadata:\n  name: component-{i}\n  title: Component {i}\n  description: Synthetic {Word(i)} service number {i}\n  tags: [{Tag(i)}, {Tag(i + 3)}]\n  annotations:\n    github.com/project-slug: example/component-{i}\n    backstage.io/kubernetes-id: component-{i}\nspec:\n  type: {(i % 4 == 0 ? "website" : "service")}\n  lifecycle: {Lifecycle(i)}\n  owner: {Group(i)}\n  system: system-{i % systems}\n  dependsOn: [{deps}]\n  providesApis: [api-{i % apis}]\n  consumesApis: [api-{random.Next(apis)}]\n");
        }

        Directory.CreateDirectory(folder);
        var files = new List<string>();
        for (var f = 0; f * EntitiesPerFile < docs.Count; f++)
        {
            var name = $"entities-{f:000}.yaml";
            var text = new StringBuilder();
            foreach (var doc in docs.Skip(f * EntitiesPerFile).Take(EntitiesPerFile))
            {
                text.Append("apiVersion: backstage.io/v1alpha1\n").Append(doc).Append("---\n");
            }
            File.WriteAllText(Path.Combine(folder, name), text.ToString());
            files.Add(name);
        }
        var root = Path.Combine(folder, "catalog-info.yaml");
        File.WriteAllText(root, $"apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: bench\nspec:\n  targets: [{string.Join(", ", files.Select(f => "./" + f))}]\n");
        return root;
    }

    private static readonly string[] Words = ["payments", "checkout", "search", "identity", "billing", "inventory", "shipping", "pricing", "catalog", "reviews"];

    public static string Word(int i) => Words[i % Words.Length];

    private static string Tag(int i) => $"tag-{i % 40}";

    private static string Lifecycle(int i) => (i % 5) switch { 0 => "experimental", 1 => "deprecated", _ => "production" };
}
