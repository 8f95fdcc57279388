namespace Fawkes.Portal.Features.Templates.Workspace;

/// <summary>How a run's workspace is named in log lines. Backstage prints its temporary folder; ours lives in memory, so
/// the name is a stable stand-in with the same shape.</summary>
public static class WorkspaceRoot
{
    public static string Describe(string taskId, string relative) =>
        relative.Length == 0 ? $"/workspace/{taskId}" : $"/workspace/{taskId}/{relative}";
}
