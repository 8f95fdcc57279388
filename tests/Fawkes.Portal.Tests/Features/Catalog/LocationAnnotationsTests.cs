using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Ingestion;

namespace Fawkes.Portal.Tests.Features.Catalog;

public sealed class LocationAnnotationsTests
{
    private static JsonObject Apply(string type, string target, JsonObject? own = null)
    {
        var annotations = own ?? [];
        LocationAnnotations.Apply(annotations, type, target, "url:https://github.com/acme/shop/blob/main/catalog-info.yaml");
        return annotations;
    }

    [Fact]
    public void A_file_gets_only_its_locations()
    {
        Assert.Equal("""{"backstage.io/managed-by-location":"file:/srv/c/a.yaml","backstage.io/managed-by-origin-location":"url:https://github.com/acme/shop/blob/main/catalog-info.yaml"}""",
            Apply("file", "/srv/c/a.yaml").ToJsonString());
    }

    [Fact]
    public void A_github_url_gets_view_edit_and_source_urls_as_Backstage_derives_them()
    {
        var annotations = Apply("url", "https://github.com/acme/shop/blob/main/services/catalog-info.yaml?x=1");

        Assert.Equal("https://github.com/acme/shop/blob/main/services/catalog-info.yaml?x=1", annotations["backstage.io/view-url"]!.GetValue<string>());
        Assert.Equal("https://github.com/acme/shop/edit/main/services/catalog-info.yaml?x=1", annotations["backstage.io/edit-url"]!.GetValue<string>());
        Assert.Equal("url:https://github.com/acme/shop/tree/main/services/?x=1", annotations["backstage.io/source-location"]!.GetValue<string>());
    }

    [Fact]
    public void A_pinned_commit_has_no_edit_url_and_other_hosts_only_a_view_url()
    {
        var pinned = Apply("url", "https://github.com/acme/shop/blob/0123456789abcdef0123456789abcdef01234567/catalog-info.yaml");
        Assert.False(pinned.ContainsKey("backstage.io/edit-url"));
        Assert.True(pinned.ContainsKey("backstage.io/source-location"));

        var other = Apply("url", "https://git.example.com/c.yaml");
        Assert.Equal(["backstage.io/managed-by-location", "backstage.io/managed-by-origin-location", "backstage.io/view-url"], other.Select(p => p.Key));
    }

    [Fact]
    public void The_entity_s_own_values_win()
    {
        var annotations = Apply("url", "https://git.example.com/c.yaml", new JsonObject { ["backstage.io/view-url"] = "https://docs.example.com" });

        Assert.Equal("https://docs.example.com", annotations["backstage.io/view-url"]!.GetValue<string>());
    }
}
