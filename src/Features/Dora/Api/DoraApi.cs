using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Dora.Calculation;
using Fawkes.Portal.Features.Dora.Events;
using Fawkes.Portal.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Fawkes.Portal.Features.Dora.Api;

/// <summary>The native DORA event API and the read API (metrics, summary, drill-down).</summary>
internal static class DoraApi
{
    public static IEndpointRouteBuilder MapDoraApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/dora").WithTags("DORA");
        api.MapPost("/events", PostEventsAsync).RequireAuthorization(Policies.Scope(ApiScopes.DoraWrite));
        var read = Policies.Scope(ApiScopes.CatalogRead);
        api.MapGet("/metrics", async ([AsParameters] DoraQuery q, DoraService dora, CancellationToken ct) =>
        {
            if (!q.TryWindow(out var from, out var to, out var error) || !q.TryBucket(out var bucket, out error))
            {
                return Problem(error!);
            }
            var rows = await dora.MetricsAsync(q.Scope, from, to, bucket, ct);
            return q.Format == "csv"
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(DoraCsv.Write(rows)), "text/csv", $"dora-{from:yyyyMMdd}-{to:yyyyMMdd}.csv")
                : Results.Ok(new { rows });
        }).RequireAuthorization(read);
        api.MapGet("/summary", async ([AsParameters] DoraQuery q, DoraService dora, CancellationToken ct) =>
        {
            if (!q.TryWindow(out var from, out var to, out var error))
            {
                return Problem(error!);
            }
            var s = await dora.SummaryAsync(q.Scope, from, to, ct);
            return Results.Ok(new
            {
                s.Totals.Deployments, s.Totals.DeploymentDays, s.Totals.FailedDeployments, s.Totals.DeploymentsWithIncident, s.Totals.ChangeFailureRate,
                s.Totals.LeadTime, s.Totals.CommitToDeploy, s.Totals.Fdrt, s.Totals.TimeToRestore, s.Totals.ReworkDeployments, s.Totals.ReworkRate,
                s.WeeklyDeploymentDays, s.MonthlyDeploymentDays, s.Levels2023, s.Levels2021,
            });
        }).RequireAuthorization(read);
        api.MapGet("/deployments", async ([AsParameters] DoraQuery q, DoraService dora, CancellationToken ct) =>
            q.TryWindow(out var from, out var to, out var error)
                ? Results.Ok(new { items = (await dora.DeploymentsAsync(q.Scope, from, to, ct)).Select(DrillDownJson.Deployment) })
                : Problem(error!)).RequireAuthorization(read);
        api.MapGet("/incidents", async ([AsParameters] DoraQuery q, DoraService dora, CancellationToken ct) =>
            q.TryWindow(out var from, out var to, out var error)
                ? Results.Ok(new { items = (await dora.IncidentsAsync(q.Scope, from, to, ct)).Select(DrillDownJson.Incident) })
                : Problem(error!)).RequireAuthorization(read);
        api.MapGet("/data-quality", async (Quality.DataQualityService quality, CancellationToken ct) =>
        {
            var r = await quality.ReportAsync(ct);
            return Results.Ok(new
            {
                unmapped = r.Unmapped, componentsWithoutDeployments = r.ComponentsWithoutDeployments,
                unattributedIncidents = r.UnattributedIncidents.Select(i => new { i.Id, i.Service, i.CreatedAt, i.ResolvedAt }),
                pullRequestsWithoutFirstCommit = r.PullRequestsWithoutFirstCommit, unresolvedCommits = r.UnresolvedCommits, pendingCommits = r.PendingCommits,
                newestPullRequestsWithoutFirstCommit = r.NewestPullRequestsWithoutFirstCommit, uncountedEnvironments = r.UncountedEnvironments,
            });
        }).RequireAuthorization(read);
        return app;
    }

    /// <summary>One object or an array; all or nothing: 422 with an error per index and field, else 202 once committed.</summary>
    private static async Task<IResult> PostEventsAsync(HttpRequest request, DoraEventStore store, CancellationToken ct)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            return Results.Problem(title: "Malformed JSON", detail: $"The body is not valid JSON: {ex.Message}", statusCode: 400);
        }
        var (parsed, errors) = DoraEventParser.ParseAll(body is JsonArray array ? [.. array] : [body]);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "Invalid events; none were stored.", statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        await store.UpsertAsync(parsed, "api", ct);
        return Results.Json(new { accepted = parsed.Count }, statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult Problem(string detail) => Results.Problem(title: "Invalid query", detail: detail, statusCode: 400);
}
