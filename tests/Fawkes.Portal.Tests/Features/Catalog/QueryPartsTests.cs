using System.Net;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog;
using Fawkes.Portal.Features.Catalog.Browse;
using Fawkes.Portal.Features.Catalog.Entity.Tabs;
using Fawkes.Portal.Features.Catalog.Ingestion;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Catalog.Storage;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Tests.Features.Catalog;

public sealed class QueryPartsTests
{
    [Fact]
    public void Filter_groups_are_or_conditions_inside_are_and_repeated_keys_are_any()
    {
        var filter = EntityFilter.Parse(["kind=Component,spec.type=service,spec.type=website", "kind=API", "metadata.annotations.backstage.io/techdocs-ref"]);

        Assert.Equal(3, filter.Groups.Count);
        Assert.Equal([("kind", new[] { "component" }), ("spec.type", new[] { "service", "website" })],
            filter.Groups[0].Select(c => (c.Key, c.Values.ToArray())));
        Assert.Empty(filter.Groups[2][0].Values);
        Assert.Equal("metadata.annotations.backstage.io/techdocs-ref", filter.Groups[2][0].Key);
    }

    [Theory]
    [InlineData("3f2a", true)]
    [InlineData("3F2A-9B", true)]
    [InlineData("3f%a_", true)]
    [InlineData("component-12", false)]
    [InlineData("alpha service number 7", false)]
    [InlineData("3f2a\\", false)]
    public void Full_text_scans_uids_only_for_terms_a_guid_string_can_contain(string term, bool expected) =>
        Assert.Equal(expected, FilterTranslator.CouldMatchUid(term));

    [Theory]
    [InlineData("", true)]
    [InlineData("relations", true)]
    [InlineData("metadata.name,relations.type", true)]
    [InlineData("metadata.name", false)]
    [InlineData("kind,metadata.relations,spec.relationsOf", false)]
    public void A_projection_shows_relations_only_when_it_names_them(string fields, bool shows)
    {
        Assert.Equal(shows, EntityJson.ShowsRelations(fields.Split(',', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Theory]
    [InlineData("metadata.name", true)]
    [InlineData("kind,metadata.name", true)]
    [InlineData("", false)]
    [InlineData("metadata.name,metadata.namespace", false)]
    [InlineData("metadata", false)]
    public void Only_kind_and_name_are_projected_from_the_columns(string fields, bool suffice)
    {
        Assert.Equal(suffice, EntityJson.ColumnsSuffice(fields.Split(',', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void Cursor_round_trips_the_query()
    {
        var query = new EntityQuery(EntityFilter.Parse(["kind=component"]), [new OrderField("metadata.name", false)], "pay", ["metadata.name"], 20, 0);

        var back = EntityQuery.FromCursor(query.ToCursor(40), 20);

        Assert.Equal(40, back.Offset);
        Assert.Equal("pay", back.FullTextTerm);
        Assert.False(back.Order[0].Ascending);
        Assert.Equal(["kind=component"], back.Filter.ToParameters());
        Assert.Throws<FormatException>(() => EntityQuery.FromCursor("not-a-cursor", 20));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("140.82.112.3", false)]
    [InlineData("172.32.0.1", false)]
    public void Private_and_loopback_addresses_are_recognised(string address, bool isPrivate) =>
        Assert.Equal(isPrivate, !Fawkes.Portal.Integrations.AddressClassifier.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://evil.example/catalog-info.yaml", "not allowed")]
    [InlineData("ftp://github.com/x", "not an http(s) URL")]
    [InlineData("http://127.0.0.1/catalog-info.yaml", "not allowed")]
    public async Task Url_locations_outside_the_allow_list_are_refused(string url, string reason)
    {
        var options = Options.Create(new CatalogOptions());
        var fetcher = new UrlFetcher(null!, options, new NetworkGuard(options));

        var ex = await Assert.ThrowsAsync<SourceFetchException>(() => fetcher.CheckAsync(url, CancellationToken.None));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allowed_host_that_resolves_to_loopback_is_still_refused()
    {
        var options = new CatalogOptions();
        options.AllowedHosts.Add("localhost");
        var fetcher = new UrlFetcher(null!, Options.Create(options), new NetworkGuard(Options.Create(options)));

        var ex = await Assert.ThrowsAsync<SourceFetchException>(() => fetcher.CheckAsync("http://localhost:8080/x.yaml", CancellationToken.None));

        Assert.Contains("non-public address (loopback", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GitHub_blob_urls_are_read_raw()
    {
        Assert.Equal("https://raw.githubusercontent.com/fawkes/pay/main/catalog-info.yaml",
            UrlFetcher.RawUrl(new Uri("https://github.com/fawkes/pay/blob/main/catalog-info.yaml")).ToString());
    }

    [Fact]
    public void OpenApi_definitions_become_operations_grouped_by_tag()
    {
        const string definition = "openapi: 3.0.3\ninfo: { title: Pay, version: '1.2' }\npaths:\n  /payments:\n    parameters: [{ name: tenant, in: header }]\n    get: { tags: [payments], summary: List, responses: { '200': {} } }\n    post: { tags: [payments], summary: Create, requestBody: {}, responses: { '201': {}, '422': {} } }\n  /health:\n    get: { summary: Health, responses: { '200': {} } }\n";

        var summary = ApiDefinitionSummary.Parse("openapi", definition);

        Assert.Equal(("Pay", "1.2"), (summary.Title, summary.Version));
        Assert.Equal(["payments", "Operations"], summary.OperationGroups.Select(g => g.Tag));
        var post = summary.OperationGroups[0].Operations[1];
        Assert.Equal(("POST", "/payments", true), (post.Method, post.Path, post.HasBody));
        Assert.Equal(["201", "422"], post.Responses);
        Assert.Equal(["tenant (header)"], post.Parameters);
    }

    [Fact]
    public void Catalog_list_state_round_trips_through_the_url()
    {
        var state = new CatalogListState { Search = "pay", Mine = true }.Toggle("kind", "Component").Toggle("metadata.tags", "dotnet").Toggle("metadata.tags", "go");

        var back = CatalogListState.FromUri(new Uri("http://x" + state.ToRelativeUrl()));

        Assert.Equal(["Component"], back.ValuesOf("kind"));
        Assert.Equal(["dotnet", "go"], back.ValuesOf("metadata.tags"));
        Assert.Equal(("pay", true, false), (back.Search, back.Mine, back.Starred));
        Assert.Empty(back.Toggle("kind", "Component").ValuesOf("kind"));
    }
}
