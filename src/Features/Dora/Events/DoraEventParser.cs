using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Dora.Events;

public sealed record FieldError(string Field, string Message);

/// <summary>A validated event, normalized (UTC times), ready to store.</summary>
public sealed record ParsedEvent(string Type, string Id, string Service, DateTimeOffset At, JsonObject Json);

/// <summary>Validates the native event API's four event types, naming every wrong field.</summary>
public static class DoraEventParser
{
    public static readonly string[] Types = ["deployment", "pull_request", "incident", "build"];

    /// <param name="firstCommitRequired">GitHub's pull request webhook has no first-commit time; its lead time then skips coding.</param>
    /// <summary>A whole batch, all or nothing: the parsed events, or the errors keyed <c>[index].field</c> (empty when valid).</summary>
    public static (IReadOnlyList<ParsedEvent> Events, Dictionary<string, string[]> Errors) ParseAll(IReadOnlyList<JsonNode?> items)
    {
        var parsed = new List<ParsedEvent>();
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < items.Count; i++)
        {
            var (e, problems) = Parse(items[i]);
            foreach (var group in problems.GroupBy(p => p.Field))
            {
                errors[$"[{i}]{(group.Key.Length > 0 ? "." + group.Key : "")}"] = [.. group.Select(p => p.Message)];
            }
            if (e is not null)
            {
                parsed.Add(e);
            }
        }
        return (parsed, errors);
    }

    public static (ParsedEvent? Event, IReadOnlyList<FieldError> Errors) Parse(JsonNode? node, bool firstCommitRequired = true)
    {
        var errors = new List<FieldError>();
        if (node is not JsonObject source)
        {
            return (null, [new FieldError("", "An event must be a JSON object.")]);
        }
        var e = (JsonObject)source.DeepClone();
        var type = Text(e, "type", errors);
        var id = Text(e, "id", errors);
        var service = Text(e, "service", errors);
        if (type is not null && !Types.Contains(type))
        {
            errors.Add(new("type", $"Unknown type '{type}': use one of {string.Join(", ", Types)}."));
            return (null, errors);
        }
        DateTimeOffset? at = type switch
        {
            "deployment" => Deployment(e, errors),
            "pull_request" => PullRequest(e, firstCommitRequired, errors),
            "incident" => Incident(e, errors),
            "build" => Build(e, errors),
            _ => null,
        };
        return errors.Count > 0 || type is null || id is null || service is null || at is null
            ? (null, errors)
            : (new ParsedEvent(type, id, service, at.Value, e), errors);
    }

    private static DateTimeOffset? Deployment(JsonObject e, List<FieldError> errors)
    {
        Text(e, "environment", errors);
        OneOf(e, "result", ["success", "failure"], errors);
        Text(e, "revision", errors);
        var started = Time(e, "startedAt", true, errors);
        var finished = Time(e, "finishedAt", true, errors);
        Ordered(started, finished, "finishedAt", "startedAt", errors);
        if (e["commits"] is { } commits && (commits is not JsonArray array || array.Any(c => c?.GetValueKind() != JsonValueKind.String)))
        {
            errors.Add(new("commits", "commits must be a list of commit SHAs (an empty list means none)."));
        }
        return finished;
    }

    private static DateTimeOffset? PullRequest(JsonObject e, bool firstCommitRequired, List<FieldError> errors)
    {
        var created = Time(e, "createdAt", true, errors);
        var merged = Time(e, "mergedAt", true, errors);
        Text(e, "mergeCommitSha", errors);
        Time(e, "firstCommitAt", firstCommitRequired, errors);
        Time(e, "firstReviewAt", false, errors);
        Ordered(created, merged, "mergedAt", "createdAt", errors);
        return merged;
    }

    private static DateTimeOffset? Incident(JsonObject e, List<FieldError> errors)
    {
        var created = Time(e, "createdAt", true, errors);
        var resolved = e["resolvedAt"] is null ? null : Time(e, "resolvedAt", false, errors);
        Ordered(created, resolved, "resolvedAt", "createdAt", errors);
        return created;
    }

    private static DateTimeOffset? Build(JsonObject e, List<FieldError> errors)
    {
        Text(e, "result", errors);
        var started = Time(e, "startedAt", true, errors);
        var finished = Time(e, "finishedAt", true, errors);
        Ordered(started, finished, "finishedAt", "startedAt", errors);
        return finished;
    }

    private static void Ordered(DateTimeOffset? first, DateTimeOffset? second, string secondName, string firstName, List<FieldError> errors)
    {
        if (first is not null && second is not null && second < first)
        {
            errors.Add(new(secondName, $"{secondName} ({second:O}) is before {firstName} ({first:O})."));
        }
    }

    private static string? Text(JsonObject e, string field, List<FieldError> errors)
    {
        if (e[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 and <= 200 } s)
        {
            return s;
        }
        errors.Add(new(field, e[field] is null ? $"{field} is required." : $"{field} must be a non-empty string of at most 200 characters."));
        return null;
    }

    private static void OneOf(JsonObject e, string field, string[] allowed, List<FieldError> errors)
    {
        var value = e[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        if (value is null || !allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new(field, $"{field} must be one of {string.Join(", ", allowed)}."));
        }
    }

    /// <summary>ISO-8601 with an offset; stored back as UTC.</summary>
    private static DateTimeOffset? Time(JsonObject e, string field, bool required, List<FieldError> errors)
    {
        var node = e[field];
        if (node is null)
        {
            if (required)
            {
                errors.Add(new(field, $"{field} is required (ISO-8601 with offset, e.g. 2024-05-01T12:00:00Z)."));
            }
            return null;
        }
        var text = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        if (text is null || !HasOffset(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            errors.Add(new(field, $"{field} must be an ISO-8601 time with an offset, e.g. 2024-05-01T12:00:00Z."));
            return null;
        }
        e[field] = at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        return at.ToUniversalTime();
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
