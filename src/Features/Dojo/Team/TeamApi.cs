using System.Text;
using Fawkes.Portal.Identity;

namespace Fawkes.Portal.Features.Dojo.Team;

/// <summary><c>GET /api/dojo/team/{group}/progress.csv</c>: a team's Dojo progress for PlatformLeads and Admins.</summary>
internal static class TeamApi
{
    public static IEndpointRouteBuilder MapDojoTeamApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dojo/team/{group}/progress.csv", async (string group, TeamProgressService teams, CancellationToken ct) =>
            await teams.ForTeamAsync(group, ct) is { } team
                ? Results.File(Encoding.UTF8.GetBytes(TeamCsv.Write(team)), "text/csv; charset=utf-8", $"dojo-{team.Team}-progress.csv")
                : Results.Problem(title: "Not found", statusCode: 404,
                    detail: $"No catalog Group '{group}'. Teams are Groups with spec.type: team, e.g. group:default/platform-team."))
            .WithTags("Dojo").RequireAuthorization(Policies.DojoTeam);
        return app;
    }
}
