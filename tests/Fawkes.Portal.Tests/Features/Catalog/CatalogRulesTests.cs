using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Yaml;
using Microsoft.Extensions.Configuration;

namespace Fawkes.Portal.Tests.Features.Catalog;

public sealed class CatalogRulesTests
{
    private static CatalogRules Rules(Dictionary<string, string?> settings, params (string, string)[] trusted) =>
        CatalogRules.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Catalog"), trusted);

    private static JsonObject Entity(string kind, string? specType = null) =>
        new() { ["kind"] = kind, ["spec"] = specType is null ? new JsonObject() : new JsonObject { ["type"] = specType } };

    [Theory]
    [InlineData("Component", true)]
    [InlineData("api", true)]
    [InlineData("Location", true)]
    [InlineData("User", false)]
    [InlineData("Group", false)]
    [InlineData("System", false)]
    public void Without_rules_Backstage_default_allows_component_api_and_location_only(string kind, bool allowed)
    {
        Assert.Equal(allowed, Rules([]).IsAllowed(Entity(kind), kind, "file", "/srv/catalog/x.yaml"));
    }

    [Fact]
    public void Configured_rules_replace_the_default_and_may_require_a_spec_type()
    {
        var rules = Rules(new()
        {
            ["Catalog:Rules:0:Allow:0"] = "Group",
            ["Catalog:Rules:1:Allow:0:Kind"] = "Resource",
            ["Catalog:Rules:1:Allow:0:spec.type"] = "database",
        });

        Assert.True(rules.IsAllowed(Entity("Group"), "Group", "url", "https://example.com/org.yaml"));
        Assert.False(rules.IsAllowed(Entity("Component"), "Component", "url", "https://example.com/org.yaml"));
        Assert.True(rules.IsAllowed(Entity("Resource", "DATABASE"), "Resource", "file", "/x.yaml"));
        Assert.False(rules.IsAllowed(Entity("Resource", "bucket"), "Resource", "file", "/x.yaml"));
        Assert.False(rules.IsAllowed(null, "Resource", "file", "/x.yaml"));
    }

    [Fact]
    public void A_rule_with_locations_applies_only_to_matching_origins()
    {
        var rules = Rules(new()
        {
            ["Catalog:Rules:0:Allow:0"] = "Component",
            ["Catalog:Rules:1:Allow:0"] = "Template",
            ["Catalog:Rules:1:Locations:0:Type"] = "url",
            ["Catalog:Rules:1:Locations:0:Pattern"] = "https://github.com/acme/*/blob/main/template.yaml",
            ["Catalog:Locations:0:Type"] = "file",
            ["Catalog:Locations:0:Target"] = "/srv/org/users.yaml",
            ["Catalog:Locations:0:Rules:0:Allow:0"] = "User",
        });

        Assert.True(rules.IsAllowed(Entity("Template"), "Template", "url", "https://github.com/acme/shop/blob/main/template.yaml"));
        Assert.False(rules.IsAllowed(Entity("Template"), "Template", "url", "https://github.com/acme/shop/deeper/blob/main/template.yaml"));
        Assert.False(rules.IsAllowed(Entity("Template"), "Template", "file", "https://github.com/acme/shop/blob/main/template.yaml"));
        Assert.True(rules.IsAllowed(Entity("User"), "User", "file", "/srv/org/users.yaml"));
        Assert.False(rules.IsAllowed(Entity("User"), "User", "file", "/srv/org/other.yaml"));
    }

    [Fact]
    public void A_trusted_location_may_hold_every_kind()
    {
        var rules = Rules([], ("file", "/app/content/demo/catalog/catalog-info.yaml"));

        Assert.True(rules.IsAllowed(Entity("User"), "User", "file", "/app/content/demo/catalog/catalog-info.yaml"));
        Assert.False(rules.IsAllowed(Entity("User"), "User", "file", "/app/content/demo/catalog/other.yaml"));
    }

    private static SourcedEntity Read(string kind, string name, string? parent, string source = "file:/c/a.yaml")
    {
        var entity = new JsonObject { ["kind"] = kind, ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" }, ["spec"] = new JsonObject() };
        return new SourcedEntity(source, 1, new EntityRef(kind, "default", name), entity, []) { ParentRef = parent };
    }

    [Fact]
    public void A_location_leading_to_a_refused_kind_fails_as_a_whole_and_nothing_below_it_is_kept()
    {
        var root = GeneratedLocation.Create("file", "/c/catalog-info.yaml");
        var rootRef = root.Ref!.Value.ToString();
        var read = new List<SourcedEntity>
        {
            root,
            Read("Component", "web", rootRef),
            Read("Location", "people", rootRef),
            Read("User", "ada", "location:default/people", "file:/c/people.yaml"),
            Read("Location", "nested", "location:default/people", "file:/c/people.yaml"),
            Read("Component", "below-refused", "location:default/nested", "file:/c/nested.yaml"),
            Read("Location", "apis", rootRef),
            Read("API", "pay", "location:default/apis", "file:/c/apis.yaml"),
        };

        var kept = RuleEnforcement.Apply(read, Rules([]), "file", "/c/catalog-info.yaml");

        Assert.Equal(["location:default/" + GeneratedLocation.NameOf("file", "/c/catalog-info.yaml"), "component:default/web",
            "location:default/people", "location:default/apis", "api:default/pay"], kept.Select(e => e.Ref!.Value.ToString()));
        var failed = Assert.Single(kept, e => !e.IsValid);
        Assert.Equal("location:default/people", failed.Ref!.Value.ToString());
        Assert.StartsWith("Entity user:default/ada at file:/c/people.yaml, originated at file:/c/catalog-info.yaml, is not of an allowed kind for that location",
            Assert.Single(failed.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_location_is_named_as_Backstage_names_it()
    {
        // The name the real Backstage backend (plugin-catalog-backend 4.0.5) generated for this configured location.
        Assert.Equal("generated-16a38cf36477ddb8d8ed4d7a20499ea6fcccf5e1",
            GeneratedLocation.NameOf("file", "/work/main/compat/backstage/catalogs/edge/catalog-info.yaml"));
        var entity = GeneratedLocation.Create("url", "https://example.com/c.yaml").Entity!;
        Assert.Equal("url:https://example.com/c.yaml", entity["metadata"]!["annotations"]!["backstage.io/managed-by-origin-location"]!.GetValue<string>());
        Assert.Equal("https://example.com/c.yaml", entity["spec"]!["target"]!.GetValue<string>());
    }

    [Fact]
    public void Spec_lists_of_strings_are_sorted_in_code_unit_order_as_Backstage_sorts_them()
    {
        var entity = (JsonObject)JsonNode.Parse("""{"spec":{"memberOf":["team-web","Team-b","team-pay"],"dependsOn":["b",{"x":1},"a"],"tags":["z","a"]}}""")!;

        SpecListOrder.Apply(entity);

        Assert.Equal("""["Team-b","team-pay","team-web"]""", entity["spec"]!["memberOf"]!.ToJsonString());
        Assert.Equal("""["b",{"x":1},"a"]""", entity["spec"]!["dependsOn"]!.ToJsonString());
        Assert.Equal("""["z","a"]""", entity["spec"]!["tags"]!.ToJsonString());
    }
}
