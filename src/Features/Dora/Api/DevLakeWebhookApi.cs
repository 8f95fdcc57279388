using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Features.Dora.Events;
using Fawkes.Portal.Identity;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Dora.Api;

/// <summary>Bound from <c>Dora:Connections</c>: <c>Dora:Connections:1:Service = payments-api</c>.</summary>
public sealed class DoraConnectionOptions
{
    public const string Section = "Dora";

    public Dictionary<string, DoraConnection> Connections { get; } = new(StringComparer.Ordinal);
}

public sealed class DoraConnection
{
    public string? Service { get; set; }
}

/// <summary>
/// Apache DevLake's webhook API, same paths and bodies, so existing pipelines only change the base URL. Callers send the
/// portal's API token (scope <c>dora:write</c>) as DevLake's API key.
/// </summary>
internal static class DevLakeWebhookApi
{
    public static IEndpointRouteBuilder MapDevLakeWebhooks(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { "/api/plugins/webhook/{connectionId}", "/api/plugins/webhook/connections/{connectionId}" })
        {
            var group = app.MapGroup(prefix).WithTags("DevLake webhook").RequireAuthorization(Policies.Scope(ApiScopes.DoraWrite));
            group.MapPost("/deployments", (string connectionId, HttpRequest r, Handler h, CancellationToken ct) => h.HandleAsync(connectionId, r, DevLakeMapping.Deployment, ct));
            group.MapPost("/issues", (string connectionId, HttpRequest r, Handler h, CancellationToken ct) => h.HandleAsync(connectionId, r, IssueOrSkip, ct));
            group.MapPost("/incidents", (string connectionId, HttpRequest r, Handler h, CancellationToken ct) => h.HandleAsync(connectionId, r, DevLakeMapping.Incident, ct));
            group.MapPost("/pull_requests", (string connectionId, HttpRequest r, Handler h, CancellationToken ct) => h.HandleAsync(connectionId, r, DevLakeMapping.PullRequest, ct));
            group.MapPost("/cicd", (string connectionId, HttpRequest r, Handler h, CancellationToken ct) => h.HandleAsync(connectionId, r, DevLakeMapping.Build, ct));
            group.MapPost("/issue/{issueKey}/close", (string issueKey, Handler h, CancellationToken ct) => h.CloseAsync(issueKey, ct));
        }
        return app;
    }

    /// <summary>DevLake's issue webhook carries every issue type; only INCIDENTs are DORA events.</summary>
    private static JsonObject IssueOrSkip(JsonObject body, string service) =>
        string.Equals(DoraJson.S(body, "type"), "INCIDENT", StringComparison.OrdinalIgnoreCase) ? DevLakeMapping.Incident(body, service) : [];

    internal sealed class Handler(DoraEventStore store, CatalogQueries catalog, IOptions<DoraConnectionOptions> connections, TimeProvider time)
    {
        public async Task<IResult> HandleAsync(string connectionId, HttpRequest request, Func<JsonObject, string, JsonObject> map, CancellationToken ct)
        {
            JsonObject body;
            try
            {
                body = await JsonNode.ParseAsync(request.Body, cancellationToken: ct) as JsonObject ?? throw new JsonException("expected an object");
            }
            catch (JsonException ex)
            {
                return Results.Problem(title: "Malformed JSON", detail: ex.Message, statusCode: 400);
            }
            var service = await ServiceAsync(connectionId, body, ct);
            if (service is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["service"] =
                    [$"Cannot tell the service: set Dora:Connections:{connectionId}:Service, send a repository URL a catalog component's github.com/project-slug matches, or a 'component'."] },
                    statusCode: 422);
            }
            var native = map(body, service);
            if (native.Count == 0)
            {
                return Results.Ok(new { accepted = 0, reason = "not an incident" });
            }
            var (parsed, errors) = DoraEventParser.Parse(native);
            if (parsed is null)
            {
                return Results.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), statusCode: 422);
            }
            await store.UpsertAsync([parsed], $"devlake:{connectionId}", ct);
            return Results.Ok(new { accepted = 1 });
        }

        /// <summary><c>POST …/issue/{key}/close</c>: resolves the incident now (re-sent incidents replace it).</summary>
        public async Task<IResult> CloseAsync(string issueKey, CancellationToken ct)
        {
            var closed = await store.ResolveIncidentAsync(issueKey, time.GetUtcNow(), ct);
            return closed ? Results.Ok(new { accepted = 1 }) : Results.Problem(title: "Unknown incident", detail: $"No incident '{issueKey}' was received.", statusCode: 404);
        }

        private async Task<string?> ServiceAsync(string connectionId, JsonObject body, CancellationToken ct)
        {
            if (connections.Value.Connections.TryGetValue(connectionId, out var connection) && !string.IsNullOrWhiteSpace(connection.Service))
            {
                return connection.Service;
            }
            var repo = DoraJson.S((body["deploymentCommits"] as JsonArray)?.FirstOrDefault() as JsonObject, "repoUrl")
                ?? DoraJson.S(body, "baseRepoUrl") ?? DoraJson.S(body, "repoUrl") ?? DoraJson.S(body, "repo_url");
            if (repo is not null && Uri.TryCreate(repo.Replace(".git", "", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            {
                var slug = uri.AbsolutePath.Trim('/').ToLowerInvariant();
                var matches = await catalog.ListAsync(EntityFilter.Parse([$"kind=component,metadata.annotations.github.com/project-slug={slug}"]), 1, 0, ct);
                if (matches.Count > 0)
                {
                    return matches[0]["metadata"]!["name"]!.GetValue<string>();
                }
            }
            return DoraJson.S(body, "component") ?? DoraJson.S(body, "service") ?? DoraJson.S(body, "project");
        }
    }
}
