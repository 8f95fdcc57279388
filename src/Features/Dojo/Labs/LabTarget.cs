using System.Security.Claims;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Browse;
using Fawkes.Portal.Features.Catalog.Model;

namespace Fawkes.Portal.Features.Dojo.Labs;

/// <summary>What a lab runs against: the learner's Component as the catalog holds it, and who asked.</summary>
public sealed record LabTarget(JsonObject Entity, EntityRef Ref, ClaimsPrincipal User)
{
    public string Name => Ref.Name;

    /// <summary>The entity page (its Overview tab holds the About card with the edit and refresh buttons).</summary>
    public string Page => EntityLinks.Href(Ref);

    /// <summary>One of the entity page's tabs (<c>kubernetes</c>, <c>argocd</c>, <c>jenkins</c>, <c>sonarqube</c>, <c>dora</c>).</summary>
    public string Tab(string tab) => $"{Page}?tab={tab}";

    /// <summary>An annotation's value, trimmed; null when missing or blank.</summary>
    public string? Annotation(string key) =>
        Entity["metadata"]?["annotations"]?[key] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
}
