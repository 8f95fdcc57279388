using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Yaml;

namespace Fawkes.Portal.Tests.Features.Catalog;

public sealed class CatalogYamlReaderTests
{
    [Fact]
    public void Reads_every_document_with_field_lines()
    {
        const string yaml = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: a\n---\nkind: User\nmetadata:\n  name: b\n";

        var result = CatalogYamlReader.Read(yaml);

        Assert.Null(result.Error);
        Assert.Equal(2, result.Documents.Count);
        Assert.Equal(4, result.Documents[0].LineOf("metadata.name"));
        Assert.Equal(8, result.Documents[1].LineOf("metadata.name"));
        // A missing field is reported at its nearest existing parent.
        Assert.Equal(7, result.Documents[1].LineOf("metadata.title"));
    }

    [Fact]
    public void Malformed_yaml_reports_line_and_column()
    {
        const string yaml = "kind: Component\nmetadata:\n  name: [unclosed\nspec: {}\n";

        var result = CatalogYamlReader.Read(yaml);

        Assert.Empty(result.Documents);
        Assert.NotNull(result.Error);
        Assert.StartsWith("Malformed YAML", result.Error!.Message, StringComparison.Ordinal);
        Assert.True(result.Error.Line >= 3, $"line {result.Error.Line}");
        Assert.NotNull(result.Error.Column);
    }

    [Fact]
    public void Duplicate_keys_are_malformed()
    {
        var result = CatalogYamlReader.Read("kind: A\nkind: B\n");

        Assert.NotNull(result.Error);
        Assert.Equal(2, result.Error!.Line);
    }

    [Fact]
    public void Files_over_the_size_limit_are_refused_before_parsing()
    {
        var result = CatalogYamlReader.Read(new string('a', 2_000), maxBytes: 1_000);

        Assert.Contains("over the limit of 1,000 bytes", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_bomb_is_refused()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 9; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        var result = CatalogYamlReader.Read(string.Join('\n', lines));

        Assert.Empty(result.Documents);
        Assert.Contains("aliases expand to more than 100,000 added nodes", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("alias bomb", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(99, true)]
    [InlineData(98, false)]
    public void Only_the_nodes_aliases_add_count_against_the_alias_limit(int limit, bool read)
    {
        // The anchored list is 11 nodes (itself and 10 items), written once; 9 aliases add 99 nodes. The mapping, the
        // anchor's first appearance and the outer list are written in the file and do not count.
        var yaml = "base: &base [a, b, c, d, e, f, g, h, i, j]\ncopies: [" + string.Join(", ", Enumerable.Repeat("*base", 9)) + "]\n";

        var result = CatalogYamlReader.Read(yaml, maxAliasNodes: limit);

        Assert.Equal(read, result.Error is null);
        if (read)
        {
            Assert.Equal(9, ((JsonObject)result.Documents[0].Root!)["copies"]!.AsArray().Count(c => c!.AsArray().Count == 10));
        }
    }

    [Fact]
    public void A_five_megabyte_stream_of_ten_thousand_generated_entities_is_read_whole()
    {
        var yaml = GeneratedCatalog(10_000);
        var size = System.Text.Encoding.UTF8.GetByteCount(yaml);
        Assert.InRange(size, 4_500_000, 6_000_000);

        var result = CatalogYamlReader.Read(yaml, maxBytes: 8 * 1024 * 1024);

        Assert.Null(result.Error);
        Assert.Equal(10_000, result.Documents.Count);
        Assert.Equal("svc-09999", result.Documents[^1].Root!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(5, result.Documents[^1].Root!["metadata"]!["tags"]!.AsArray().Count);
    }

    /// <summary>A generated catalog as exports produce them: one Component per document, about 500 bytes each.</summary>
    internal static string GeneratedCatalog(int count) => string.Concat(Enumerable.Range(0, count).Select(i =>
        $"---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc-{i:D5}\n" +
        $"  description: Generated service {i} of the export, {new string('x', 200)}\n  tags: [java, team-{i % 20}, tier-{i % 3}, gen, export]\n" +
        $"  annotations:\n    github.com/project-slug: example/svc-{i:D5}\n" +
        $"spec:\n  type: service\n  lifecycle: production\n  owner: team-{i % 20}\n  dependsOn: [resource:db-{i % 50}]\n"));

    [Fact]
    public void Plain_scalars_follow_the_yaml_core_schema_and_quoted_ones_stay_strings()
    {
        var root = (JsonObject)CatalogYamlReader.Read("a: true\nb: 42\nc: 1.5\nd: ~\ne: '42'\nf: yes\n").Documents[0].Root!;

        Assert.True(root["a"]!.GetValue<bool>());
        Assert.Equal(42, root["b"]!.GetValue<long>());
        Assert.Equal(1.5, root["c"]!.GetValue<double>());
        Assert.Null(root["d"]);
        Assert.Equal("42", root["e"]!.GetValue<string>());
        Assert.Equal("yes", root["f"]!.GetValue<string>());
    }
}
