using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Entity;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Permissions;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Permissions;
using Fawkes.Portal.Integrations.Jenkins;
using Fawkes.Portal.Operations.Audit;

namespace Fawkes.Portal.Features.Live.Jenkins;

/// <summary><c>GET …/jenkins</c> (catalog:read) and <c>POST …/jenkins/rebuild</c> (owners, PlatformLead, Admin; audited).</summary>
public static class JenkinsEndpoints
{
    public static RouteGroupBuilder MapJenkinsLive(this RouteGroupBuilder live)
    {
        ArgumentNullException.ThrowIfNull(live);
        live.MapGet("/jenkins", async (string kind, string @namespace, string name, string? branch, CatalogQueries catalog, JenkinsLiveService jenkins,
            CancellationToken ct) =>
        {
            var entity = await catalog.ByRefAsync(new EntityRef(kind, @namespace, name), ct);
            if (entity is null)
            {
                return NotFound(kind, @namespace, name);
            }
            var (answer, error) = await AnswerAsync(entity, branch, jenkins, ct);
            return answer is null ? error! : Results.Ok(answer);
        });
        live.MapPost("/jenkins/rebuild", async (string kind, string @namespace, string name, string? branch, CatalogQueries catalog,
            JenkinsLiveService jenkins, PermissionService permissions, AuditLog audit, HttpContext context, CancellationToken ct) =>
        {
            var entity = await catalog.ByRefAsync(new EntityRef(kind, @namespace, name), ct);
            if (entity is null)
            {
                return NotFound(kind, @namespace, name);
            }
            var decision = await permissions.DecideAsync(context.User, PortalAction.LiveAction, CatalogOwnership.OfEntity(entity), ct);
            if (!decision.Allowed)
            {
                return PermissionProblems.Result(decision);
            }
            var (answer, error) = await AnswerAsync(entity, branch, jenkins, ct);
            if (answer is null)
            {
                return error!;
            }
            var (queued, failure) = await jenkins.RebuildAsync(answer, ct);
            if (failure is not null)
            {
                return Results.Problem(title: "Jenkins refused the rebuild", detail: failure.Error, statusCode: StatusCodes.Status502BadGateway,
                    extensions: new Dictionary<string, object?> { ["status"] = failure.Status, ["instance"] = answer.Instance });
            }
            var actor = context.User.FindFirst(PortalClaims.Login)?.Value ?? "unknown";
            await audit.RecordAsync(actor, "live.jenkins.rebuild", $"entity:{kind}:{@namespace}/{name}".ToLowerInvariant(), $"{answer.Instance}: {answer.Job}", ct);
            return Results.Accepted(queued?.AbsoluteUri, new { instance = answer.Instance, job = answer.Job, queueItem = queued?.AbsoluteUri });
        }).RequireAuthorization(Policies.LiveAction);
        return live;
    }

    internal static string? Annotation(JsonObject entity, string key) =>
        entity["metadata"]?["annotations"]?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The entity's job, or a 400 naming the annotation when its value names no job.</summary>
    private static async Task<(JenkinsAnswer? Answer, IResult? Error)> AnswerAsync(JsonObject entity, string? branch, JenkinsLiveService jenkins, CancellationToken ct)
    {
        JenkinsJobRef? job;
        try
        {
            job = JenkinsJobRef.Parse(Annotation(entity, JenkinsJobRef.Annotation));
        }
        catch (FormatException ex)
        {
            return (null, Results.Problem(title: "Invalid Jenkins annotation", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest));
        }
        return (await jenkins.GetAsync(job, branch, Annotation(entity, JenkinsJobRef.DefaultBranchAnnotation), ct), null);
    }

    private static IResult NotFound(string kind, string @namespace, string name) =>
        Results.Problem(title: "Entity not found", detail: $"There is no {kind} '{name}' in namespace '{@namespace}' in the catalog.",
            statusCode: StatusCodes.Status404NotFound);
}
