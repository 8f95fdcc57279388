using Fawkes.Portal.Features.Catalog.Query;
using Microsoft.AspNetCore.Http;

namespace Fawkes.Portal.Tests.Features.Catalog;

/// <summary>Entity endpoint parameters refused or read as Backstage's validator and parsers do.</summary>
public sealed class ApiParametersTests
{
    private static IQueryCollection Query(string query) => new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query));

    [Theory]
    [InlineData("?filter=", "Empty value found for query parameter 'filter'")]
    [InlineData("?nope=1", "Unknown query parameter 'nope'")]
    [InlineData("?limit=-1", "request/query/limit must be >= 0")]
    [InlineData("?limit=two", "request/query/limit must be integer")]
    [InlineData("?totalItems=true", "request/query/totalItems must be equal to one of the allowed values: include, exclude")]
    [InlineData("?orderField=metadata.name,ASC", "Invalid order field order, must be asc or desc")]
    [InlineData("?fields=metadata.tags[0]", "Invalid field \"metadata.tags[0]\", array type fields are not supported")]
    public void By_query_refuses_what_Backstage_refuses(string query, string message)
    {
        var p = Query(query);

        var ex = Assert.Throws<FormatException>(() =>
        {
            ApiParameters.Check(p, ApiParameters.ByQuery);
            _ = ApiParameters.Integer(p, "limit");
            _ = ApiParameters.CountTotal(p);
            _ = ApiParameters.FirstOrderField(p);
            _ = ApiParameters.Fields(p);
        });

        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Order_reads_direction_and_field_and_refuses_anything_else()
    {
        Assert.Equal([new OrderField("metadata.name", true), new OrderField("spec.Type", false)],
            ApiParameters.Order(Query("?order=asc:metadata.name&order=desc:spec.Type")));
        var ex = Assert.Throws<FormatException>(() => ApiParameters.Order(Query("?order=sideways:metadata.name")));
        Assert.Equal("Invalid order parameter \"sideways:metadata.name\", expected \"<asc or desc>:<field name>\"", ex.Message);
    }

    [Fact]
    public void Only_the_first_order_field_counts_and_its_direction_defaults_to_ascending()
    {
        Assert.Equal(new OrderField("spec.type", true), ApiParameters.FirstOrderField(Query("?orderField=spec.type&orderField=metadata.name,desc")));
        Assert.Null(ApiParameters.FirstOrderField(Query("")));
    }

    [Fact]
    public void Full_text_fields_are_comma_separated_and_absent_means_null()
    {
        Assert.Equal(["metadata.name", "spec.owner"], ApiParameters.List(Query("?fullTextFilterFields=metadata.name,%20spec.owner"), "fullTextFilterFields"));
        Assert.Null(ApiParameters.List(Query(""), "fullTextFilterFields"));
    }

    [Fact]
    public void Full_text_searches_the_order_field_or_else_the_uid_when_no_fields_are_given()
    {
        Assert.Equal(["metadata.uid"], new ByQuery(EntityFilter.None, null, "x", null).FullTextFields);
        Assert.Equal(["spec.type"], new ByQuery(EntityFilter.None, new OrderField("Spec.Type", true), "x", null).FullTextFields);
        Assert.Null(new ByQuery(EntityFilter.None, null, "  ", null).FullTextTerm);
    }

    [Fact]
    public void Keyset_cursor_round_trips_and_refuses_garbage()
    {
        var query = new ByQuery(EntityFilter.Parse(["kind=component,spec.type=service"]), new OrderField("metadata.name", false), "pay", ["metadata.name"]);
        var cursor = new QueryCursor(query, ["pay-api", "id-2"], ["alpha", "id-1"], true, 42);

        var back = QueryCursor.Decode(cursor.Encode());

        Assert.Equal(["kind=component,spec.type=service"], back.Query.Filter.ToParameters());
        Assert.Equal((query.Sort, query.Term), (back.Query.Sort, back.Query.Term));
        Assert.Equal(["metadata.name"], back.Query.TextFields);
        Assert.Equal(new string?[] { "pay-api", "id-2" }, back.OrderFieldValues.AsEnumerable());
        Assert.Equal(new string?[] { "alpha", "id-1" }, back.FirstSortFieldValues.AsEnumerable());
        Assert.Equal((true, 42), (back.IsPrevious, back.TotalItems));
        Assert.StartsWith("Malformed cursor", Assert.Throws<FormatException>(() => QueryCursor.Decode("not-a-cursor")).Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => QueryCursor.Decode(Convert.ToBase64String("{}"u8)));
    }

    [Fact]
    public void After_cursor_is_Backstages_base64_limit_and_offset()
    {
        var after = new ListPaging(2, 4).ToAfter();

        Assert.Equal("eyJsaW1pdCI6Miwib2Zmc2V0Ijo0fQ==", after);
        Assert.Equal(new ListPaging(2, 4), ListPaging.FromAfter(after, 10, 0));
        Assert.Equal("Malformed after cursor, could not be parsed", Assert.Throws<FormatException>(() => ListPaging.FromAfter("%%%", null, null)).Message);
        Assert.Equal("Malformed after cursor, offset was not a number",
            Assert.Throws<FormatException>(() => ListPaging.FromAfter(Convert.ToBase64String("{\"offset\":\"x\"}"u8), null, null)).Message);
    }
}
