using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Yaml;

namespace Fawkes.Portal.Tests.Features.Catalog;

/// <summary>The nesting limit is enforced while parsing, so crafted deep files give an error instead of a stack overflow.</summary>
public sealed class YamlDepthTests
{
    /// <summary>A component whose <c>spec.deep</c> (line 9) holds <paramref name="levels"/> nested sequences.</summary>
    public static string DeepComponent(int levels, bool flow) =>
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: deep\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n" +
        (flow
            ? $"  deep: {new string('[', levels)}x{new string(']', levels)}\n"
            // Block style, compact form: "- - - x" nests one sequence per dash on a single line.
            : $"  deep:\n    {string.Concat(Enumerable.Repeat("- ", levels))}x\n");

    [Theory]
    [InlineData(10_000, true)]
    [InlineData(10_000, false)]
    [InlineData(100_000, true)]
    [InlineData(100_000, false)]
    public void Deep_nesting_is_refused_with_its_line_not_a_crash(int levels, bool flow)
    {
        var result = CatalogYamlReader.Read(DeepComponent(levels, flow));

        Assert.Empty(result.Documents);
        Assert.Contains("nesting deeper than 64 levels", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(flow ? 9 : 10, result.Error.Line);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Nesting_up_to_the_limit_reads_and_one_more_level_is_refused(bool flow)
    {
        // The root mapping and spec are two levels: 62 sequences inside make exactly 64.
        var atLimit = CatalogYamlReader.Read(DeepComponent(62, flow));
        var overLimit = CatalogYamlReader.Read(DeepComponent(63, flow));

        Assert.Null(atLimit.Error);
        var node = atLimit.Documents[0].Root!["spec"]!["deep"];
        var depth = 0;
        for (; node is JsonArray array; node = array[0])
        {
            depth++;
        }
        Assert.Equal(62, depth);
        Assert.Contains("nesting deeper than 64 levels", overLimit.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_cannot_build_deeper_structures_than_the_limit()
    {
        // Each anchor is 40 levels deep; pasting it at level 40 would build 80 levels without any single deep text.
        var forty = $"{new string('[', 40)}x{new string(']', 40)}";
        var yaml = $"a: &deep {forty}\nb: {new string('[', 39)}*deep{new string(']', 39)}\n";

        var result = CatalogYamlReader.Read(yaml);

        Assert.Contains("nesting deeper than 64 levels", result.Error!.Message, StringComparison.Ordinal);
        Assert.NotNull(result.Error.Line);
    }

    [Fact]
    public void The_alias_guard_and_the_size_limit_still_apply()
    {
        var bomb = string.Join('\n', new[] { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" }
            .Concat(Enumerable.Range(1, 8).Select(i => $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]")));

        Assert.Contains("alias bomb", CatalogYamlReader.Read(bomb).Error!.Message, StringComparison.Ordinal);
        Assert.Contains("over the limit", CatalogYamlReader.Read(DeepComponent(100_000, flow: true), maxBytes: 100_000).Error!.Message, StringComparison.Ordinal);
    }
}
