using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Yaml;
using YamlDotNet.RepresentationModel;

namespace Fawkes.Portal.Tests.Features.Catalog;

/// <summary>
/// The one-pass event reader against YamlDotNet's own node model (YamlStream), which the portal used before: every
/// catalog, template and Dojo YAML file in the repository must read to the same JSON, field positions included.
/// </summary>
public sealed class YamlJsonBuilderTests
{
    public static TheoryData<string> RepositoryYamlFiles()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        var data = new TheoryData<string>();
        foreach (var file in new[] { "content", "compat/backstage/catalogs" }
                     .Select(d => Path.Combine(root, d)).Where(Directory.Exists)
                     .SelectMany(d => Directory.EnumerateFiles(d, "*.yaml", SearchOption.AllDirectories))
                     .Where(f => !f.Contains("/skeleton/", StringComparison.Ordinal)) // template skeletons are YAML only once rendered
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RepositoryYamlFiles))]
    public void Every_repository_yaml_file_reads_as_yaml_dotnets_node_model_does(string file)
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        var text = File.ReadAllText(Path.Combine(root, file));
        var stream = new YamlStream();
        stream.Load(new StringReader(text));

        var read = CatalogYamlReader.Read(text, maxBytes: 8 * 1024 * 1024);

        Assert.Null(read.Error);
        Assert.Equal(stream.Documents.Count, read.Documents.Count);
        for (var i = 0; i < read.Documents.Count; i++)
        {
            var expected = Reference(stream.Documents[i].RootNode);
            Assert.Equal(expected?.ToJsonString(), read.Documents[i].Root?.ToJsonString());
            Assert.Equal((int)stream.Documents[i].RootNode.Start.Line, read.Documents[i].Line);
        }
    }

    [Fact]
    public void Field_positions_are_the_keys_and_list_items_their_own()
    {
        var doc = CatalogYamlReader.Read("kind: Component\nspec:\n  tags:\n    - a\n    - b\n  owner: x\n").Documents[0];

        Assert.Equal(2, doc.LineOf("spec"));
        Assert.Equal(5, doc.LineOf("spec.tags[1]"));
        Assert.Equal(6, doc.LineOf("spec.owner"));
        Assert.Equal(6, doc.LineOf("spec.owner.missing"));
    }

    [Fact]
    public void Aliases_paste_copies_of_their_anchors()
    {
        var root = CatalogYamlReader.Read("a: &x {b: [1, 2]}\nc: *x\nd: &s text\ne: *s\n").Documents[0].Root!;

        Assert.Equal("""{"a":{"b":[1,2]},"c":{"b":[1,2]},"d":"text","e":"text"}""", root.ToJsonString());
        ((JsonArray)root["c"]!["b"]!).Add(3);
        Assert.Equal(2, root["a"]!["b"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("a: *nowhere\n", "refers to no anchor", 1)]
    [InlineData("a: &loop\n  b: *loop\n", "recursive", 2)]
    [InlineData("a:\n  b: 1\n  b: 2\n", "Duplicate key 'b'", 3)]
    public void Unusable_aliases_and_duplicate_keys_are_malformed_with_their_line(string yaml, string message, int line)
    {
        var error = CatalogYamlReader.Read(yaml).Error!;

        Assert.StartsWith("Malformed YAML", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
    }

    /// <summary>The conversion the portal used before, on YamlDotNet's node model (recursive, no limits).</summary>
    private static JsonNode? Reference(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", Reference(c.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Reference)]),
        YamlScalarNode scalar => ScalarReference(scalar),
        _ => null,
    };

    private static JsonNode? ScalarReference(YamlScalarNode scalar) =>
        CatalogYamlReader.Read($"v: {(scalar.Style is YamlDotNet.Core.ScalarStyle.Plain ? scalar.Value : JsonValue.Create(scalar.Value ?? "")!.ToJsonString())}\n")
            .Documents[0].Root!["v"]?.DeepClone();
}
