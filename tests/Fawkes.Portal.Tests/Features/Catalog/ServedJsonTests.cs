using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Storage;
using Fawkes.Portal.Features.Catalog.Yaml;

namespace Fawkes.Portal.Tests.Features.Catalog;

/// <summary>
/// The served JSON and the source hash are written without copying the entity; they must be byte for byte what the
/// copy-and-serialize way gave (stored hashes would otherwise all differ after an upgrade, and every entity be rewritten).
/// </summary>
public sealed class ServedJsonTests
{
    public static TheoryData<string> Entities() => new()
    {
        """{"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"a","tags":["x"]},"spec":{"type":"service"}}""",
        """{"kind":"Component","metadata":{"uid":"theirs","name":"b","etag":"old","description":"Zürich ✓ <a href='x'>&amp; \"q\" \u0001"},"spec":null}""",
        """{"metadata":{"name":"c","etag":"first"},"kind":"API","spec":{"list":[1,2.5,-3e21,true,false,null,{"n":[]}],"empty":{}}}""",
        """{"kind":"User","metadata":{"name":"d","annotations":{"uid":"not the uid"},"links":[{"url":"https://x/?a=1&b=2"}]}}""",
    };

    [Theory]
    [MemberData(nameof(Entities))]
    public void Served_json_is_the_entity_with_uid_and_etag_set_as_on_a_copy(string json)
    {
        var entity = JsonNode.Parse(json)!.AsObject();
        var copy = (JsonObject)entity.DeepClone();
        copy["metadata"]!["uid"] = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";
        copy["metadata"]!["etag"] = "e7";

        Assert.Equal(copy.ToJsonString(), ServedJson.Write(entity, "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "e7"));
    }

    [Theory]
    [MemberData(nameof(Entities))]
    public void The_source_hash_is_the_hash_of_the_compact_json_string(string json)
    {
        var entity = JsonNode.Parse(json)!.AsObject();

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(entity.ToJsonString()))), EntityRecordFactory.SourceHash(entity));
    }

    [Fact]
    public void Entities_read_from_yaml_hash_and_serve_the_same_way()
    {
        var entity = CatalogYamlReader.Read("kind: Component\nmetadata:\n  name: y\n  count: 3\n  ratio: 0.25\n  big: 12345678901234\n  when: 2024-01-01\nspec: {}\n").Documents[0].Root!.AsObject();
        var copy = (JsonObject)entity.DeepClone();
        copy["metadata"]!["uid"] = "u";
        copy["metadata"]!["etag"] = "e";

        Assert.Equal(copy.ToJsonString(), ServedJson.Write(entity, "u", "e"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(entity.ToJsonString()))), EntityRecordFactory.SourceHash(entity));
    }
}
