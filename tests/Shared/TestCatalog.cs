using System.Text;

namespace Fawkes.Portal.Testing;

/// <summary>Writes a small, known catalog to a temp folder: 2 groups, 3 users, 1 system, 25 components, 3 APIs.</summary>
public static class TestCatalog
{
    public const int Components = 25;
    // + the root Location entity and, as in Backstage, the generated Location entity of the configured location.
    public const int Total = 2 + 3 + 1 + Components + 3 + 1 + 1;

    public static string Create()
    {
        var dir = Directory.CreateTempSubdirectory("fawkes-catalog-").FullName;
        File.WriteAllText(Path.Combine(dir, "catalog-info.yaml"), """
            apiVersion: backstage.io/v1alpha1
            kind: Location
            metadata:
              name: test-root
            spec:
              targets: [./org.yaml, ./services.yaml]
            """);
        File.WriteAllText(Path.Combine(dir, "org.yaml"), """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata: { name: team-a }
            spec: { type: team, children: [] }
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata: { name: team-b }
            spec: { type: team, children: [] }
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata: { name: alice }
            spec: { memberOf: [team-a] }
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata: { name: bob }
            spec: { memberOf: [team-b] }
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata: { name: carol }
            spec: { memberOf: [team-a, team-b] }
            ---
            apiVersion: backstage.io/v1alpha1
            kind: System
            metadata: { name: shop }
            spec: { owner: team-a }
            """);
        var services = new StringBuilder();
        for (var i = 1; i <= Components; i++)
        {
            // Odd: service of team-a in system shop; even: website of team-b without a system. Every 5th is tagged 'legacy'.
            services.Append($"""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: svc-{i:00}
                  title: Service {i:00}
                  description: {(i == 7 ? "Handles the needle in the haystack" : "An ordinary service")}
                  tags: [{(i % 5 == 0 ? "legacy, " : "")}dotnet]
                spec:
                  type: {(i % 2 == 1 ? "service" : "website")}
                  lifecycle: production
                  owner: {(i % 2 == 1 ? "team-a" : "team-b")}
                {(i % 2 == 1 ? "  system: shop\n" : "")}{(i <= 3 ? $"  providesApis: [api-{i}]\n" : "")}
                ---

                """);
        }
        for (var i = 1; i <= 3; i++)
        {
            services.Append($"""
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata: {"{"} name: api-{i} {"}"}
                spec: {"{"} type: openapi, lifecycle: production, owner: team-a, definition: "openapi: 3.0.0" {"}"}
                ---

                """);
        }
        File.WriteAllText(Path.Combine(dir, "services.yaml"), services.ToString());
        return dir;
    }
}
