using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Catalog.Entity;
using Fawkes.Portal.Features.Catalog.Model;
using Fawkes.Portal.Features.Catalog.Query;
using Fawkes.Portal.Integrations.SonarQube;

namespace Fawkes.Portal.Features.Live.SonarQube;

/// <summary>The code-quality tab's registration and its API: <c>GET …/sonarqube</c> (catalog:read).</summary>
public static class SonarQubeEndpoints
{
    /// <summary>
    /// Its own tab, beside the other systems: the overview strip at the top of every tab already shows the gate at a glance,
    /// and links here for the conditions and measures behind it.
    /// </summary>
    public static IServiceCollection AddSonarQubeTab(this IServiceCollection services) =>
        services.AddEntityTab<SonarQubeTab>("sonarqube", "Code quality", MudBlazor.Icons.Material.Outlined.FactCheck, 47,
            e => e.Annotation(SonarQubeProjectRef.Annotation) is not null);

    /// <param name="live">The group <c>/api/live/{kind}/{namespace}/{name}</c>, already requiring catalog:read.</param>
    public static RouteGroupBuilder MapSonarQube(this RouteGroupBuilder live)
    {
        ArgumentNullException.ThrowIfNull(live);
        live.MapGet("/sonarqube", async (string kind, string @namespace, string name, CatalogQueries catalog, SonarQubeLiveService sonar,
            CancellationToken ct) =>
        {
            if (await catalog.ByRefAsync(new EntityRef(kind, @namespace, name), ct) is not { } entity)
            {
                return Results.Problem(title: "Entity not found", detail: $"There is no {kind} '{name}' in namespace '{@namespace}' in the catalog.",
                    statusCode: StatusCodes.Status404NotFound);
            }
            SonarQubeProjectRef? project;
            try
            {
                project = SonarQubeProjectRef.Parse(Annotation(entity, SonarQubeProjectRef.Annotation));
            }
            catch (FormatException ex)
            {
                return Results.Problem(title: "Invalid SonarQube annotation", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
            }
            return Results.Ok(await sonar.GetAsync(project, ct));
        });
        return live;
    }

    internal static string? Annotation(JsonObject entity, string key) =>
        entity["metadata"]?["annotations"]?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
