using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Relations;
using Fawkes.Portal.Features.Catalog.Validation;
using Fawkes.Portal.Features.Catalog.Yaml;

namespace Fawkes.Portal.Tests.Features.Catalog;

public sealed class RelationBuilderTests
{
    private static List<string> Relations(string yaml)
    {
        var entity = EntityValidator.Validate(CatalogYamlReader.Read(yaml).Documents[0].Root).Entity
            ?? throw new InvalidOperationException("test entity is invalid");
        return [.. RelationBuilder.Build(entity).Select(r => $"{r.Source.Key} {r.Type} {r.Target.Key}")];
    }

    [Theory]
    [InlineData("kind: Component\nmetadata: { name: c, namespace: shop }\nspec: { type: s, lifecycle: l, owner: team-a }",
        "component:shop/c ownedBy group:shop/team-a|group:shop/team-a ownerOf component:shop/c")]
    [InlineData("kind: Component\nmetadata: { name: c }\nspec: { type: s, lifecycle: l, owner: user:amara, system: pay, subcomponentOf: parent }",
        "component:default/c ownedBy user:default/amara|user:default/amara ownerOf component:default/c|component:default/c partOf system:default/pay|system:default/pay hasPart component:default/c|component:default/c partOf component:default/parent|component:default/parent hasPart component:default/c")]
    [InlineData("kind: Component\nmetadata: { name: c }\nspec: { type: s, lifecycle: l, owner: t, providesApis: [p], consumesApis: [q] }",
        "component:default/c ownedBy group:default/t|group:default/t ownerOf component:default/c|component:default/c providesApi api:default/p|api:default/p apiProvidedBy component:default/c|component:default/c consumesApi api:default/q|api:default/q apiConsumedBy component:default/c")]
    [InlineData("kind: Resource\nmetadata: { name: db }\nspec: { type: database, owner: t, dependsOn: [component:x], dependencyOf: [component:y] }",
        "resource:default/db ownedBy group:default/t|group:default/t ownerOf resource:default/db|resource:default/db dependsOn component:default/x|component:default/x dependencyOf resource:default/db|resource:default/db dependencyOf component:default/y|component:default/y dependsOn resource:default/db")]
    [InlineData("kind: System\nmetadata: { name: s }\nspec: { owner: t, domain: d }",
        "system:default/s ownedBy group:default/t|group:default/t ownerOf system:default/s|system:default/s partOf domain:default/d|domain:default/d hasPart system:default/s")]
    [InlineData("kind: Domain\nmetadata: { name: d }\nspec: { owner: t, subdomainOf: top }",
        "domain:default/d ownedBy group:default/t|group:default/t ownerOf domain:default/d|domain:default/d partOf domain:default/top|domain:default/top hasPart domain:default/d")]
    [InlineData("kind: Group\nmetadata: { name: g }\nspec: { type: team, parent: org, children: [sub], members: [amara] }",
        "group:default/g childOf group:default/org|group:default/org parentOf group:default/g|group:default/g parentOf group:default/sub|group:default/sub childOf group:default/g|group:default/g hasMember user:default/amara|user:default/amara memberOf group:default/g")]
    [InlineData("kind: User\nmetadata: { name: amara }\nspec: { memberOf: [g, ops/sre] }",
        "user:default/amara memberOf group:default/g|group:default/g hasMember user:default/amara|user:default/amara memberOf group:ops/sre|group:ops/sre hasMember user:default/amara")]
    public void Build_gives_both_directions_with_backstage_default_kinds(string entityYaml, string expected)
    {
        var yaml = "apiVersion: backstage.io/v1alpha1\n" + entityYaml;

        Assert.Equal(expected.Split('|'), Relations(yaml));
    }

    [Fact]
    public void The_same_relation_stated_twice_is_kept_once()
    {
        var yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: c }\nspec: { type: s, lifecycle: l, owner: t, dependsOn: [component:x, Component:X] }";

        Assert.Single(Relations(yaml), r => r.StartsWith("component:default/c dependsOn", StringComparison.Ordinal));
    }
}
