using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Query;

namespace Fawkes.Portal.Tests.Features.Catalog;

/// <summary>
/// The filter-predicate schema as @backstage/filter-predicates' zod schema reads it (which form wins, what is dropped)
/// and the errors Backstage's SQL translation raises; messages checked against Backstage 4.0.5's answers.
/// </summary>
public sealed class FilterPredicateTests
{
    [Fact]
    public void Fields_are_lowercased_and_values_become_lowercase_strings_as_javascripts_String()
    {
        var parsed = Assert.IsType<FieldsPredicate>(FilterPredicate.Parse("""{"Kind": "Component", "spec.replicas": 3, "spec.on": true, "x": 1.5}"""));

        Assert.Equal(["kind", "spec.replicas", "spec.on", "x"], parsed.Fields.Select(f => f.Key));
        Assert.Equal(["component", "3", "true", "1.5"], parsed.Fields.Select(f => f.Values.Single()));
    }

    [Fact]
    public void The_first_matching_value_form_wins_and_other_keys_beside_it_are_dropped()
    {
        var exists = Assert.IsType<FieldsPredicate>(FilterPredicate.Parse("""{"a": {"$exists": false, "$in": ["x"]}}""")).Fields.Single();
        Assert.Equal((FieldOperator.Exists, false), (exists.Operator, exists.Exists));

        var @in = Assert.IsType<FieldsPredicate>(FilterPredicate.Parse("""{"a": {"$exists": "yes", "$in": ["X", 2]}}""")).Fields.Single();
        Assert.Equal(FieldOperator.In, @in.Operator);
        Assert.Equal(["x", "2"], @in.Values);

        var relation = Assert.IsType<FieldsPredicate>(FilterPredicate.Parse(
            """{"relations": {"$contains": {"TYPE": "ownedBy", "targetRef": "Group:default/A"}}}""")).Fields.Single();
        Assert.Equal(("relations.ownedby", FieldOperator.In), (relation.Key, relation.Operator));
        Assert.Equal(["group:default/a"], relation.Values);
    }

    [Fact]
    public void Operators_nest_and_keep_the_json_for_cursors()
    {
        const string json = """{"$all":[{"kind":"component"},{"$not":{"$any":[{"a":"b"},{"c":{"$hasPrefix":"D"}}]}}]}""";
        var all = Assert.IsType<AllPredicate>(FilterPredicate.Parse(json));

        var not = Assert.IsType<NotPredicate>(all.Items[1]);
        var any = Assert.IsType<AnyPredicate>(not.Inner);
        Assert.Equal(FieldOperator.HasPrefix, Assert.IsType<FieldsPredicate>(any.Items[1]).Fields.Single().Operator);
        Assert.Equal(json, all.Json);
    }

    [Theory]
    [InlineData("\"x\"", "Invalid query: Validation error: Expected object, received string")]
    [InlineData("[]", "Invalid query: Validation error: Expected object, received array")]
    [InlineData("""{"$foo": 1}""", "Invalid query: Validation error: Invalid at \"$foo\"")]
    [InlineData("""{"$all": "x"}""", "Invalid query: Validation error: Invalid at \"$all\"")]
    [InlineData("""{"$not": 5}""", "Invalid query: Validation error: Invalid at \"$not\"")]
    [InlineData("""{"$not": [{"kind": "a"}]}""", "Invalid query: Validation error: Invalid at \"$not\"")]
    [InlineData("""{"kind": "a", "$all": []}""", "Invalid query: Validation error: Unrecognized key(s) in object: 'kind'")]
    [InlineData("""{"kind": {"$bad": 1}}""", "Invalid query: Validation error: Expected a string, number, boolean, {$exists: boolean}, {$in: [primitives]}, {$contains: predicate} or {$hasPrefix: string}, received object at \"kind\"")]
    [InlineData("""{"$all": [{"kind": null}]}""", "Invalid query: Validation error: Expected a string, number, boolean, {$exists: boolean}, {$in: [primitives]}, {$contains: predicate} or {$hasPrefix: string}, received null at \"$all[0].kind\"")]
    [InlineData("""{"tags": {"$contains": {"a": "b"}}}""", "Object form of $contains is not supported for field \"tags\"")]
    [InlineData("""{"relations": {"$contains": {"targetRef": "x"}}}""", "The $contains operator for \"relations\" requires a \"type\" string property")]
    [InlineData("""{"relations": {"$contains": {"type": "a", "other": 1}}}""", "Unsupported key \"other\" in $contains for \"relations\". Only \"type\" and \"targetRef\" are supported")]
    [InlineData("""{"relations": {"$contains": {"type": "a", "targetRef": {"$in": []}}}}""", "Empty \"$in\" array for $contains on \"relations\" is not allowed")]
    public void Invalid_predicates_are_refused_with_backstages_message(string json, string message)
    {
        var error = Assert.Throws<FormatException>(() => FilterPredicate.Parse(json));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_cursor_carries_the_predicate()
    {
        var query = new ByQuery(EntityFilter.None, new OrderField("metadata.name", false), "", null) { Predicate = FilterPredicate.Parse("""{"kind": "api"}""") };
        var cursor = new QueryCursor(query, ["a", "b"], ["a", "b"], false, 3);

        var decoded = QueryCursor.Decode(cursor.Encode());

        Assert.Equal("""{"kind":"api"}""", decoded.Query.Predicate!.Json);
        Assert.Equal("kind", Assert.IsType<FieldsPredicate>(decoded.Query.Predicate).Fields.Single().Key);
    }
}
