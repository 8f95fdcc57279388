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
            group.MapPost("/deployments", (string connectionId, HttpRequest r, Handler h, CancellationToken ct) => h.HandleAsync(connectionId, r, Deployments, ct));
            group.MapPost("/issues", (string connectionId, HttpRequest r, Handler h, CancellationToken ct) => h.HandleAsync(connectionId, r, Issues, ct));
            group.MapPost("/incidents", (string connectionId, HttpRequest r, Handler h, CancellationToken ct) => h.HandleAsync(connectionId, r, Incidents, ct));
            group.MapPost("/pull_requests", (string connectionId, HttpRequest r, Handler h, CancellationToken ct) => h.HandleAsync(connectionId, r, PullRequests, ct));
            group.MapPost("/cicd", (string connectionId, HttpRequest r, Handler h, CancellationToken ct) => h.HandleAsync(connectionId, r, Builds, ct));
            group.MapPost("/issue/{issueKey}/close", (string connectionId, string issueKey, Handler h, CancellationToken ct) => h.CloseAsync(connectionId, issueKey, ct));
        }
        return app;
    }

    /// <summary>
    /// One DevLake endpoint: its mapping (body, service, connection id), the repository field its senders fill, what it
    /// ignores, and the id releases before connection scoping stored the same event under (replaced when it is re-sent).
    /// </summary>
    internal sealed record Kind(Func<JsonObject, string, string, JsonObject> Map, string RepositoryField,
        Func<JsonObject, string?>? Skip = null, Func<JsonObject, string?>? LegacyId = null);

    private static readonly Kind Deployments = new((body, service, _) => DevLakeMapping.Deployment(body, service), "deploymentCommits[0].repoUrl");
    private static readonly Kind Incidents = new(DevLakeMapping.Incident, "repoUrl", LegacyId: DevLakeMapping.LegacyIncidentId);
    private static readonly Kind PullRequests = new(DevLakeMapping.PullRequest, "baseRepoUrl", LegacyId: DevLakeMapping.LegacyPullRequestId);
    private static readonly Kind Builds = new((body, service, _) => DevLakeMapping.Build(body, service), "repoUrl");

    /// <summary>DevLake's issue webhook carries every issue type; only INCIDENTs are DORA events (others need no service).</summary>
    private static readonly Kind Issues = Incidents with
    {
        Skip = body => string.Equals(DoraJson.S(body, "type"), "INCIDENT", StringComparison.OrdinalIgnoreCase) ? null : "not an incident",
    };

    internal sealed class Handler(DoraEventStore store, CatalogQueries catalog, IOptions<DoraConnectionOptions> connections, TimeProvider time)
    {
        public async Task<IResult> HandleAsync(string connectionId, HttpRequest request, Kind kind, CancellationToken ct)
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
            if (kind.Skip?.Invoke(body) is { } reason)
            {
                return Results.Ok(new { accepted = 0, reason });
            }
            var (service, repositoryError) = await ServiceAsync(connectionId, body, ct);
            if (service is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { [kind.RepositoryField] = [repositoryError ??
                    $"No repository in the payload, so no service: send {kind.RepositoryField} (e.g. https://github.com/owner/repo), "
                    + $"a 'component', or set Dora:Connections:{connectionId}:Service."] }, statusCode: 422);
            }
            // A DevLake pull request has no first-commit time of its own: the native API's requirement does not apply.
            var (parsed, errors) = DoraEventParser.Parse(kind.Map(body, service, connectionId), firstCommitRequired: false);
            if (parsed is null)
            {
                return Results.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), statusCode: 422);
            }
            var source = Source(connectionId);
            var legacyId = kind.LegacyId?.Invoke(body);
            await store.InTransactionAsync(async unit =>
            {
                await DevLakePullRequests.TakeBranchFirstCommitAsync(unit.Db, parsed, ct);
                return legacyId is null ? await unit.UpsertAsync([parsed], source, ct) : await unit.UpsertReplacingAsync(parsed, legacyId, source, ct);
            }, ct);
            return Results.Ok(new { accepted = 1 });
        }

        /// <summary>
        /// <c>POST …/{connectionId}/issue/{key}/close</c>: resolves this connection's incident now. An incident stored before
        /// ids were scoped by connection (bare <c>{key}</c>) is closed only when this same connection sent it; another
        /// connection's or another sender's incident with that key is never touched.
        /// </summary>
        public async Task<IResult> CloseAsync(string connectionId, string issueKey, CancellationToken ct)
        {
            var closed = await store.ResolveIncidentAsync($"webhook:{connectionId}:{issueKey}", null, time.GetUtcNow(), ct)
                || await store.ResolveIncidentAsync(issueKey, Source(connectionId), time.GetUtcNow(), ct);
            return closed ? Results.Ok(new { accepted = 1 }) : Results.Problem(title: "Unknown incident",
                detail: $"No incident '{issueKey}' was received on DevLake connection {connectionId} (POST /api/plugins/webhook/{connectionId}/issues first).", statusCode: 404);
        }

        private static string Source(string connectionId) => $"devlake:{connectionId}";

        /// <summary>
        /// The connection's configured service, else the catalog component that claims the repository, else the payload's
        /// component, else the repository's own name (<c>owner/repo</c>): every Fawkes pipeline posts to one connection, and a
        /// new service's first deployments arrive before anyone added its project-slug (the data-quality page maps it later).
        /// </summary>
        private async Task<(string? Service, string? Error)> ServiceAsync(string connectionId, JsonObject body, CancellationToken ct)
        {
            if (connections.Value.Connections.TryGetValue(connectionId, out var connection) && !string.IsNullOrWhiteSpace(connection.Service))
            {
                return (connection.Service, null);
            }
            var (field, url) = RepositoryUrl(body);
            var slug = RepositorySlug.FromUrl(url);
            if (slug is not null)
            {
                var matches = await catalog.ListAsync(EntityFilter.Parse([$"kind=component,metadata.annotations.github.com/project-slug={slug}"]), 1, 0, ct);
                if (matches.Count > 0)
                {
                    return (matches[0]["metadata"]!["name"]!.GetValue<string>(), null);
                }
            }
            var named = DoraJson.S(body, "component") ?? DoraJson.S(body, "service") ?? DoraJson.S(body, "project");
            return named is not null || slug is not null ? (named ?? slug, null)
                : (null, url is null ? null : $"{field} '{url}' names no repository: expected https://host/owner/repo or git@host:owner/repo.git.");
        }

        /// <summary>The first repository URL the payload carries, and the field it came from.</summary>
        private static (string Field, string? Url) RepositoryUrl(JsonObject body)
        {
            var first = (body["deploymentCommits"] as JsonArray)?.FirstOrDefault() as JsonObject;
            (string, string?)[] candidates =
            [
                ("deploymentCommits[0].repoUrl", DoraJson.S(first, "repoUrl")), ("repoUrl", DoraJson.S(body, "repoUrl")),
                ("baseRepoUrl", DoraJson.S(body, "baseRepoUrl")), ("headRepoUrl", DoraJson.S(body, "headRepoUrl")), ("repo_url", DoraJson.S(body, "repo_url")),
            ];
            return candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Item2), ("repoUrl", null));
        }
    }
}
