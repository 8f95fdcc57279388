using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Storage;

namespace Fawkes.Portal.Tests.Features.Catalog;

/// <summary>Search rows as Backstage's buildEntitySearch (plugin-catalog-backend 4.0.5) writes them.</summary>
public sealed class SearchIndexerTests
{
    private static IReadOnlyList<SearchEntry> Rows(string json) => SearchIndexer.Flatten(JsonNode.Parse(json)!.AsObject());

    [Fact]
    public void Paths_are_lowercase_and_values_keep_their_original()
    {
        var rows = Rows("""{"kind":"Component","metadata":{"name":"Pay","uid":"U-1","etag":"e","title":"Pay Service","annotations":{"github.com/Project-Slug":"Fawkes/Pay"}}}""");

        Assert.Contains(new SearchEntry("metadata.title", "pay service", "Pay Service"), rows);
        Assert.Contains(new SearchEntry("metadata.annotations.github.com/project-slug", "fawkes/pay", "Fawkes/Pay"), rows);
        Assert.Contains(new SearchEntry("metadata.uid", "u-1", "U-1"), rows);
        // Kind, name and namespace are answered from entity columns; the etag is never indexed (as in Backstage).
        Assert.DoesNotContain(rows, r => r.Key is "metadata.name" or "kind" or "metadata.etag" or "metadata.namespace");
    }

    [Fact]
    public void Every_string_array_gives_item_rows_and_existence_rows()
    {
        var rows = Rows("""{"metadata":{"tags":["Java","go","java"]},"spec":{"memberOf":["team-a"]}}""");

        Assert.Equal(
            [
                new SearchEntry("metadata.tags", "java", "Java"),
                new SearchEntry("metadata.tags.java", "true", "true"),
                new SearchEntry("metadata.tags", "go", "go"),
                new SearchEntry("metadata.tags.go", "true", "true"),
                new SearchEntry("spec.memberof", "team-a", "team-a"),
                new SearchEntry("spec.memberof.team-a", "true", "true"),
            ],
            rows);
    }

    [Fact]
    public void Objects_inside_arrays_are_walked_under_the_array_path()
    {
        var rows = Rows("""{"metadata":{"links":[{"url":"https://a","title":"A"},{"url":"https://b"}]},"spec":{"n":[1,2.5,true]}}""");

        Assert.Contains(new SearchEntry("metadata.links.url", "https://a", "https://a"), rows);
        Assert.Contains(new SearchEntry("metadata.links.url", "https://b", "https://b"), rows);
        Assert.Contains(new SearchEntry("metadata.links.title", "a", "A"), rows);
        Assert.Equal(["1", "2.5", "true"], rows.Where(r => r.Key == "spec.n").Select(r => r.Value));
        // Only string items get existence rows.
        Assert.DoesNotContain(rows, r => r.Key.StartsWith("spec.n.", StringComparison.Ordinal));
    }

    [Fact]
    public void Numbers_built_by_the_yaml_reader_are_written_as_JavaScript_does()
    {
        var entity = new JsonObject { ["spec"] = new JsonObject { ["ports"] = new JsonArray(new JsonObject { ["port"] = 8080L }, new JsonObject { ["port"] = 2.5 }) } };

        Assert.Equal(["8080", "2.5"], SearchIndexer.Flatten(entity).Where(r => r.Key == "spec.ports.port").Select(r => r.Value));
    }

    [Fact]
    public void Nulls_and_long_values_keep_only_their_key_and_long_keys_are_dropped()
    {
        var longValue = new string('x', 201);
        var longKey = new string('k', 200);
        var rows = Rows("{\"spec\":{\"owner\":null,\"definition\":\"" + longValue + "\",\"ok\":\"" + longValue[..200] + "\",\"" + longKey + "\":\"v\"}}");

        Assert.Contains(new SearchEntry("spec.owner", null, null), rows);
        Assert.Contains(new SearchEntry("spec.definition", null, null), rows);
        Assert.Contains(rows, r => r.Key == "spec.ok" && r.Value!.Length == 200);
        Assert.DoesNotContain(rows, r => r.Key.Length > 200);
    }

    [Fact]
    public void Relations_status_and_attachments_are_not_flattened()
    {
        var rows = Rows("""{"relations":[{"type":"ownedBy","targetRef":"group:default/a"}],"status":{"items":[]},"attachments":{"a":"b"},"spec":{"type":"service","lifecycle":"x","owner":"a"}}""");

        Assert.Equal([new SearchEntry("spec.owner", "a", "a")], rows);
    }
}
