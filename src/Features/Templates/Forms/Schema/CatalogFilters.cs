using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Query;

namespace Fawkes.Portal.Features.Templates.Forms.Schema;

/// <summary>
/// A picker's <c>ui:options</c> as a catalog filter, as Backstage's EntityPicker builds it: <c>catalogFilter</c>
/// (an object, or an array of alternatives; values a string or a list; <c>{exists: true}</c> for presence), else the
/// legacy <c>allowedKinds</c>, else the picker's default kinds.
/// </summary>
public static class CatalogFilters
{
    public static EntityFilter From(JsonObject options, IReadOnlyList<string> defaultKinds)
    {
        ArgumentNullException.ThrowIfNull(options);
        var groups = options["catalogFilter"] switch
        {
            JsonObject one => [Group(one)],
            JsonArray many => [.. many.OfType<JsonObject>().Select(Group)],
            _ => new List<IReadOnlyList<FilterCondition>>(),
        };
        if (groups.Count > 0)
        {
            return new EntityFilter(groups);
        }
        var kinds = Ui.Strings(options["allowedKinds"]) is { Count: > 0 } allowed ? allowed : defaultKinds;
        return kinds.Count == 0 ? EntityFilter.None : new EntityFilter([[new FilterCondition("kind", [.. kinds.Select(k => k.ToLowerInvariant())])]]);
    }

    private static IReadOnlyList<FilterCondition> Group(JsonObject conditions) =>
        [.. conditions.Select(c => c.Value is JsonObject { } o && o["exists"] is JsonValue v && v.GetValueKind() == JsonValueKind.True
            ? new FilterCondition(c.Key.ToLowerInvariant(), [])
            : new FilterCondition(c.Key.ToLowerInvariant(), [.. Ui.Strings(c.Value).Select(s => s.ToLowerInvariant())]))];
}
