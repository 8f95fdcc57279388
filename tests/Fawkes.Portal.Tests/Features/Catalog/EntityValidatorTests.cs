using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Validation;
using Fawkes.Portal.Features.Catalog.Yaml;

namespace Fawkes.Portal.Tests.Features.Catalog;

public sealed class EntityValidatorTests
{
    private static ValidationResult Validate(string yaml) => EntityValidator.Validate(CatalogYamlReader.Read(yaml).Documents[0].Root);

    private const string Component = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: payments-api
          tags: [dotnet, payments]
          labels: { tier: backend }
          annotations: { github.com/project-slug: fawkes/payments-api }
          links: [{ url: https://grafana.example/d/1, title: Dashboard }]
        spec:
          type: service
          lifecycle: production
          owner: payments-team
          dependsOn: [resource:payments-db]
        """;

    [Theory]
    [InlineData(Component)]
    [InlineData("apiVersion: backstage.io/v1beta1\nkind: Component\nmetadata: { name: a }\nspec: { type: service, lifecycle: x, owner: t }")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: { name: a }\nspec: { type: openapi, lifecycle: x, owner: t, definition: 'openapi: 3.0.0' }")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: { name: a }\nspec: { owner: t, domain: d }")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata: { name: a }\nspec: { owner: t }")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata: { name: a }\nspec: { type: database, owner: t }")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: a }\nspec: { type: team, children: [] }")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: { name: amara.okafor }\nspec: { memberOf: [a] }")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: a }\nspec: { targets: [./x.yaml] }")]
    [InlineData("apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata: { name: a }\nspec: { type: service, steps: [] }")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: component\nmetadata: { name: a, namespace: payments }\nspec: { type: service, lifecycle: x, owner: t }")]
    public void Valid_entities_pass(string yaml)
    {
        var result = Validate(yaml);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
    }

    [Theory]
    [InlineData("kind: Component\nmetadata: { name: a }\nspec: { type: s, lifecycle: l, owner: o }", "apiVersion", "apiVersion is required")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Widget\nmetadata: { name: a }\nspec: {}", "kind", "Unknown kind 'Widget'")]
    [InlineData("apiVersion: backstage.io/v1beta3\nkind: Component\nmetadata: { name: a }\nspec: { type: s, lifecycle: l, owner: o }", "apiVersion", "not valid for kind Component")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: -bad- }\nspec: { type: s, lifecycle: l, owner: o }", "metadata.name", "not a valid name")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa }\nspec: { type: s, lifecycle: l, owner: o }", "metadata.name", "up to 63")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: a, namespace: Payments }\nspec: { type: s, lifecycle: l, owner: o }", "metadata.namespace", "not a valid namespace")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: a, tags: [Dotnet] }\nspec: { type: s, lifecycle: l, owner: o }", "metadata.tags[0]", "Tag 'Dotnet' is invalid")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: a, annotations: { 'bad key!': x } }\nspec: { type: s, lifecycle: l, owner: o }", "metadata.annotations.bad key!", "not a valid annotation key")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: a, annotations: { a: 1 } }\nspec: { type: s, lifecycle: l, owner: o }", "metadata.annotations.a", "must be a string")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: a, links: [{ title: x }] }\nspec: { type: s, lifecycle: l, owner: o }", "metadata.links[0]", "needs a url")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: a }\nspec: { type: s, owner: o }", "spec.lifecycle", "spec.lifecycle is required")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: a }\nspec: { type: s, lifecycle: l, owner: o, dependsOn: [payments-db] }", "spec.dependsOn[0]", "has no kind")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: a }\nspec: { type: s, lifecycle: l, owner: o, providesApis: x }", "spec.providesApis", "must be a list")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: { name: a }\nspec: { type: openapi, lifecycle: l, owner: o }", "spec.definition", "spec.definition is required")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: a }\nspec: { type: team }", "spec.children", "spec.children is required")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: { name: a }\nspec: {}", "spec.memberOf", "spec.memberOf is required")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: a }\nspec: {}", "spec.target", "needs spec.target or spec.targets")]
    [InlineData("apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata: { name: a }\nspec: { type: service }", "spec.steps", "spec.steps is required")]
    [InlineData("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: a }", "spec", "spec is required")]
    [InlineData("- just\n- a list", "", "not a mapping")]
    public void Invalid_entities_name_the_field_and_the_rule(string yaml, string field, string message)
    {
        var result = Validate(yaml);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_namespace_defaults_to_default()
    {
        var entity = Validate(Component).Entity!;

        Assert.Equal("default", ((JsonObject)entity["metadata"]!)["namespace"]!.GetValue<string>());
    }
}
