using Fawkes.Portal.Features.Dora.Calculation;

namespace Fawkes.Portal.Features.Dora.Api;

/// <summary>The drill-down shapes: each deployment with its pull requests (and lead-time parts) and incidents.</summary>
internal static class DrillDownJson
{
    public static object Deployment(DeploymentDrillDown d) => new
    {
        d.Deployment.Id, d.Deployment.Service, d.Deployment.Environment, d.Deployment.Result, d.Deployment.StartedAt, d.Deployment.FinishedAt,
        counted = d.Deployment.Counts,
        commits = d.Deployment.Commits,
        rework = d.Rework,
        pullRequests = d.PullRequests.Select(p => new
        {
            p.PullRequest.Id, p.PullRequest.CreatedAt, p.PullRequest.MergedAt, p.PullRequest.MergeCommitSha,
            leadTime = p.LeadTime, coding = p.Coding, review = p.Review, deploy = p.Deploy, commitToDeploy = p.CommitToDeploy,
        }),
        incidents = d.Incidents.Select(i => new { i.Id, i.CreatedAt, i.ResolvedAt }),
    };

    public static object Incident(AttributedIncident i) => new
    {
        i.Incident.Id, i.Incident.Service, i.Incident.CreatedAt, i.Incident.ResolvedAt,
        causedBy = i.CausedBy?.Id,
        timeToRestore = i.Incident.ResolvedAt is { } r ? DoraMath.FloorMinutes(i.Incident.CreatedAt, r) : null,
        fdrt = i.CausedBy is { } c && i.Incident.ResolvedAt is { } resolved ? DoraMath.FloorMinutes(c.FinishedAt, resolved) : null,
    };
}
