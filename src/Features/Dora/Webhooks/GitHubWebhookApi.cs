using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Dora.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Dora.Webhooks;

/// <summary>Bound from <c>Dora:GitHub</c>. The secret comes from a secret store or mounted file, never the repository.</summary>
public sealed class GitHubWebhookOptions
{
    public const string Section = "Dora:GitHub";

    public string? WebhookSecret { get; set; }
}

/// <summary>
/// <c>POST /api/webhooks/github</c>: anonymous at the HTTP level, authenticated by the HMAC signature of the body;
/// each <c>X-GitHub-Delivery</c> is applied once, so redeliveries are harmless.
/// </summary>
internal static class GitHubWebhookApi
{
    public static IEndpointRouteBuilder MapGitHubWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/webhooks/github", HandleAsync).AllowAnonymous().WithTags("Webhooks");
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, IOptions<GitHubWebhookOptions> options, DoraEventStore store,
        CatalogQueries catalog, TimeProvider time, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        if (string.IsNullOrEmpty(options.Value.WebhookSecret))
        {
            return Results.Problem(title: "Not configured", detail: "Set Dora:GitHub:WebhookSecret to receive GitHub webhooks.", statusCode: 503);
        }
        if (!GitHubSignature.IsValid(body, request.Headers["X-Hub-Signature-256"], options.Value.WebhookSecret))
        {
            return Results.Problem(title: "Bad signature", detail: "X-Hub-Signature-256 does not match the body and the configured secret.", statusCode: 401);
        }
        var delivery = request.Headers["X-GitHub-Delivery"].ToString();
        var eventName = request.Headers["X-GitHub-Event"].ToString();
        if (delivery.Length is 0 or > 100)
        {
            return Results.Problem(title: "Missing delivery id", detail: "X-GitHub-Delivery is required.", statusCode: 400);
        }
        JsonObject payload;
        try
        {
            payload = JsonNode.Parse(body) as JsonObject ?? throw new System.Text.Json.JsonException("expected an object");
        }
        catch (System.Text.Json.JsonException ex)
        {
            return Results.Problem(title: "Malformed JSON", detail: $"The payload is not a JSON object: {ex.Message}", statusCode: 400);
        }
        var slug = DoraJson.S(payload["repository"], "full_name")?.ToLowerInvariant();
        var service = slug is null ? null : await ServiceAsync(catalog, slug, ct);
        // The delivery id and everything it produces commit together: a crash or failed write in between keeps neither.
        return await store.InTransactionAsync(unit => ApplyOnceAsync(unit, delivery, eventName, payload, slug, service, time, ct), ct);
    }

    /// <summary>One delivery, in the store's transaction (which runs it again should a concurrent writer win a key).</summary>
    private static async Task<IResult> ApplyOnceAsync(DoraEventTransaction unit, string delivery, string eventName, JsonObject payload,
        string? slug, string? service, TimeProvider time, CancellationToken ct)
    {
        var db = unit.Db;
        if (await db.Set<WebhookDelivery>().AnyAsync(d => d.Source == "github" && d.DeliveryId == delivery, ct))
        {
            return Results.Ok(new { accepted = 0, duplicate = true });
        }
        // Recorded first: a concurrent copy of this delivery waits on this row, and once this commits finds it (a duplicate).
        db.Add(new WebhookDelivery { Source = "github", DeliveryId = delivery, ReceivedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        if (eventName == "push")
        {
            return Results.Ok(new { accepted = await ApplyPushAsync(unit, payload, ct) });
        }
        if ((service is null ? null : GitHubWebhookMapping.Map(eventName, payload, service)) is not { } native)
        {
            return Results.Ok(new { accepted = 0 });
        }
        if (native["type"]?.GetValue<string>() == "pull_request" && DoraJson.S(native, "headRef") is { } branch
            && await BranchFirstCommit.TakeAsync(db, slug!, branch, ct) is { } firstCommit)
        {
            native["firstCommitAt"] = firstCommit.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }
        var (parsed, errors) = DoraEventParser.Parse(native, firstCommitRequired: false);
        if (parsed is null)
        {
            unit.RollBack(); // not delivered: a corrected redelivery is applied
            return Results.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), statusCode: 422);
        }
        return Results.Ok(new { accepted = await unit.UpsertAsync([parsed], "github", ct) });
    }

    /// <summary>
    /// Records a branch's earliest pushed commit; a pull request from that branch already merged (the push came late)
    /// gets it as its first-commit time now. Returns how many pull requests changed.
    /// </summary>
    private static async Task<int> ApplyPushAsync(DoraEventTransaction unit, JsonObject payload, CancellationToken ct)
    {
        var db = unit.Db;
        if (await BranchFirstCommit.RecordPushAsync(db, payload, ct) is not var (_, branch, firstCommit))
        {
            return 0;
        }
        var prefix = $"{DoraJson.S(payload["repository"], "full_name")}#";
        var merged = await db.Set<DoraEventRecord>().AsNoTracking()
            .Where(r => r.Type == "pull_request" && r.Source == "github" && r.Id.StartsWith(prefix)).Select(r => r.Json).ToListAsync(ct);
        var updated = new List<ParsedEvent>();
        foreach (var json in merged.Select(j => JsonNode.Parse(j)!.AsObject()).Where(j => DoraJson.S(j, "headRef") == branch))
        {
            if (json["firstCommitAt"] is null || DateTimeOffset.Parse(json["firstCommitAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > firstCommit)
            {
                json["firstCommitAt"] = firstCommit.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                if (DoraEventParser.Parse(json, firstCommitRequired: false).Event is { } parsed)
                {
                    updated.Add(parsed);
                }
            }
        }
        if (updated.Count > 0)
        {
            await unit.UpsertAsync(updated, "github", ct);
        }
        // DevLake's pull request webhook carries no first commit either: the push supplies it to those too.
        var fromDevLake = await Api.DevLakePullRequests.ApplyPushAsync(unit, DoraJson.S(payload["repository"], "full_name")!, branch, firstCommit, ct);
        if (updated.Count + fromDevLake > 0)
        {
            await BranchFirstCommit.TakeAsync(db, DoraJson.S(payload["repository"], "full_name")!, branch, ct);
        }
        return updated.Count + fromDevLake;
    }

    /// <summary>The catalog component whose github.com/project-slug is the repository; else the repository's name.</summary>
    private static async Task<string> ServiceAsync(CatalogQueries catalog, string slug, CancellationToken ct)
    {
        var matches = await catalog.ListAsync(EntityFilter.Parse([$"kind=component,metadata.annotations.github.com/project-slug={slug}"]), 1, 0, ct);
        return matches.Count > 0 ? matches[0]["metadata"]!["name"]!.GetValue<string>() : slug.Split('/')[^1];
    }
}
