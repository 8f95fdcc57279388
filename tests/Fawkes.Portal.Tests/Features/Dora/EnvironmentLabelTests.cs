using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Dora.Events;

namespace Fawkes.Portal.Tests.Features.Dora;

/// <summary>"Not set" environments (Go's &lt;no value&gt;, empty) are production, on write and for rows stored before.</summary>
public sealed class EnvironmentLabelTests
{
    [Theory]
    [InlineData(null, "production")]
    [InlineData("", "production")]
    [InlineData("  ", "production")]
    [InlineData("<no value>", "production")]
    [InlineData("staging", "staging")]
    [InlineData("prod", "prod")] // a misspelling stays as sent: the data-quality page lists it
    [InlineData("<no value> ", "production")]
    public void Not_set_is_production_and_any_other_label_is_kept(string? sent, string expected) =>
        Assert.Equal(expected, EnvironmentLabel.OrProduction(sent));

    [Fact]
    public void A_row_stored_with_no_value_before_the_fix_counts_as_production()
    {
        // As System.Text.Json stored it: < and > escaped.
        var stored = JsonNode.Parse("""
            {"type":"deployment","id":"argocd-a-1","service":"a","environment":"\u003Cno value\u003E","result":"success",
             "startedAt":"2025-01-08T10:00:00Z","finishedAt":"2025-01-08T10:03:00Z","revision":"r1"}
            """)!.AsObject();

        var deployment = DoraEventJson.Deployment(stored);

        Assert.Equal(("production", true), (deployment.Environment, deployment.Counts));
    }
}
