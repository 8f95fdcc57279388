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

        Assert.Contains("alias bomb", result.Error!.Message, StringComparison.Ordinal);
    }

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
