using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Dora.Events;
using Fawkes.Portal.Features.Dora.Pollers;
using Fawkes.Portal.Identity;

namespace Fawkes.Portal.Features.Dora.Webhooks;

/// <summary>
/// Receivers for ArgoCD Notifications (the template in docs/dora-argocd.md) and Prometheus Alertmanager
/// (firing → incident created, resolved → resolved). Both authenticate with a <c>dora:write</c> token.
/// </summary>
internal static class OpsReceivers
{
    public static IEndpointRouteBuilder MapOpsReceivers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dora").WithTags("DORA").RequireAuthorization(Policies.Scope(ApiScopes.DoraWrite));
        group.MapPost("/argocd", ArgoCdAsync);
        group.MapPost("/alertmanager", AlertmanagerAsync);
        group.MapPost("/jenkins", JenkinsAsync);
        return app;
    }

    private static async Task<IResult> ArgoCdAsync(HttpRequest request, DoraEventStore store, CatalogQueries catalog, CancellationToken ct)
    {
        if (await ReadAsync(request, ct) is not { } body)
        {
            return Results.Problem(title: "Malformed JSON", detail: "Expected the JSON object of the fawkes-dora-deployment template.", statusCode: 400);
        }
        var phase = DoraJson.S(body, "phase");
        if (phase is not ("Succeeded" or "Failed" or "Error"))
        {
            return Results.Ok(new { accepted = 0, reason = $"phase '{phase}' is not a finished sync" });
        }
        var app = DoraJson.S(body, "app") ?? "";
        var matches = await catalog.ListAsync(EntityFilter.Parse([$"kind=component,metadata.annotations.argocd/app-name={app.ToLowerInvariant()}"]), 1, 0, ct);
        var service = matches.Count > 0 ? matches[0]["metadata"]!["name"]!.GetValue<string>() : app;
        var revision = DoraJson.S(body, "revision");
        var native = new JsonObject
        {
            ["type"] = "deployment",
            ["id"] = ArgoCdDeploymentEvent.Id(app, DoraJson.S(body, "startedAt")),
            ["service"] = service,
            // Empty or "<no value>" (the label is missing): not set, so production, as docs/dora-argocd.md says.
            ["environment"] = EnvironmentLabel.OrProduction(DoraJson.S(body, "environment")),
            ["result"] = phase == "Succeeded" ? "success" : "failure",
            ["startedAt"] = DoraJson.S(body, "startedAt"),
            ["finishedAt"] = DoraJson.S(body, "finishedAt"),
            ["revision"] = revision,
            // No commits: they are resolved with GitHub's compare against the previous deployment's revision.
            ["source"] = "argocd",
        };
        return await StoreAsync(store, [native], "argocd", ct);
    }

    private static async Task<IResult> AlertmanagerAsync(HttpRequest request, DoraEventStore store, CancellationToken ct)
    {
        if (await ReadAsync(request, ct) is not { } body)
        {
            return Results.Problem(title: "Malformed JSON", detail: "Expected Alertmanager's webhook payload (version 4).", statusCode: 400);
        }
        var incidents = new List<JsonObject>();
        foreach (var alert in (body["alerts"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var labels = alert["labels"] as JsonObject;
            var service = DoraJson.S(labels, "service") ?? DoraJson.S(labels, "app") ?? DoraJson.S(labels, "job");
            var startsAt = DoraJson.S(alert, "startsAt");
            var resolved = DoraJson.S(alert, "status") == "resolved";
            incidents.Add(new JsonObject
            {
                ["type"] = "incident",
                // One incident per alert firing: the fingerprint names the alert, the start the occurrence.
                ["id"] = $"alert-{DoraJson.S(alert, "fingerprint")}-{startsAt}",
                ["service"] = service,
                ["createdAt"] = startsAt,
                ["resolvedAt"] = resolved ? DoraJson.S(alert, "endsAt") : null,
                ["severity"] = DoraJson.S(labels, "severity"),
                ["title"] = DoraJson.S(labels, "alertname"),
                ["url"] = DoraJson.S(alert, "generatorURL"),
            });
        }
        return await StoreAsync(store, incidents, "alertmanager", ct);
    }

    /// <summary>The Jenkins Notification plugin's JSON: finished builds become build events.</summary>
    private static async Task<IResult> JenkinsAsync(HttpRequest request, DoraEventStore store, CatalogQueries catalog, CancellationToken ct)
    {
        if (await ReadAsync(request, ct) is not { } body || body["build"] is not JsonObject build)
        {
            return Results.Problem(title: "Malformed JSON", detail: "Expected the Notification plugin's {name, build: {...}} payload.", statusCode: 400);
        }
        if (DoraJson.S(build, "phase") is not ("COMPLETED" or "FINALIZED"))
        {
            return Results.Ok(new { accepted = 0, reason = "build not finished" });
        }
        var job = DoraJson.S(body, "name") ?? "";
        var matches = await catalog.ListAsync(EntityFilter.Parse([$"kind=component,metadata.annotations.jenkins.io/job-full-name={job.ToLowerInvariant()}"]), 1, 0, ct);
        var service = matches.Count > 0 ? matches[0]["metadata"]!["name"]!.GetValue<string>() : job.Split('/')[^1];
        var native = JenkinsBuildEvent.Create(job, build["number"]?.ToString() ?? "", service, DoraJson.S(build, "status"),
            JenkinsBuildEvent.Long(build["timestamp"]), JenkinsBuildEvent.Long(build["duration"]) ?? 0, DoraJson.S(build["scm"], "commit"), DoraJson.S(build["scm"], "branch"));
        return await StoreAsync(store, [native], "jenkins", ct);
    }

    private static async Task<IResult> StoreAsync(DoraEventStore store, IReadOnlyList<JsonObject> natives, string source, CancellationToken ct)
    {
        var (parsed, errors) = DoraEventParser.ParseAll([.. natives]);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        await store.UpsertAsync(parsed, source, ct);
        return Results.Ok(new { accepted = parsed.Count });
    }

    private static async Task<JsonObject?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: ct) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
