using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Identity;

namespace Fawkes.Portal.Features.Dojo.Recommendations;

/// <summary><c>GET /api/dojo/recommendations?team=x[&amp;days=90]</c>: what the DORA dashboard and the Dojo home show a team.</summary>
internal static class RecommendationsApi
{
    public static IEndpointRouteBuilder MapRecommendationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dojo/recommendations", async (string? team, int? days, DojoRecommender recommender, CatalogQueries catalog,
            TimeProvider time, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(team))
            {
                return Results.Problem(title: "Missing team", detail: "Query parameter 'team' (a Group name or ref) is required.", statusCode: 400);
            }
            if (days is < 7 or > 365)
            {
                return Results.Problem(title: "Invalid days", detail: "Query parameter 'days' must be between 7 and 365.", statusCode: 400);
            }
            EntityRef group;
            try
            {
                group = EntityRef.Parse(team, CatalogKinds.Group);
            }
            catch (FormatException ex)
            {
                return Results.Problem(title: "Invalid team", detail: ex.Message, statusCode: 400);
            }
            if (!string.Equals(group.Kind, CatalogKinds.Group, StringComparison.OrdinalIgnoreCase) || await catalog.ByRefAsync(group, ct) is null)
            {
                return Results.Problem(title: "Not found", detail: $"No group '{team}' in the catalog.", statusCode: 404);
            }
            var to = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var result = await recommender.ForTeamAsync(group.Key, to.AddDays(-((days ?? DojoRecommender.TrendDays) - 1)), to, ct);
            return Results.Ok(new
            {
                team = group.Key, result.From, result.To,
                metrics = result.Metrics.Select(m => new { m.Metric, m.Level, m.Value }),
                recommendations = result.Rules.Select(r => new
                {
                    r.Reading.Metric, r.Reading.Level, r.Reading.Value, r.Rule.Title,
                    modules = r.Modules.Select(m => new { m.Id, m.Title, m.Belt, m.PassedBy, m.FirstPassedAt }),
                    r.Rule.GoldenPathChanges,
                    trend = r.Trend is { } t
                        ? new { t.CompletedOn, t.Days, before = new { t.Before.Level, t.Before.Value }, since = new { t.Since.Level, t.Since.Value }, t.Direction }
                        : null,
                }),
            });
        }).WithTags("Dojo").RequireAuthorization(Policies.CatalogRead);
        return app;
    }
}
