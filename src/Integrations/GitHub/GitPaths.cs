namespace Fawkes.Portal.Integrations.GitHub;

/// <summary>What git accepts as a branch name and as a path inside a tree; pure, so table-tested.</summary>
public static class GitPaths
{
    public const string FileMode = "100644";
    public const string ExecutableMode = "100755";

    public static string Mode(bool executable) => executable ? ExecutableMode : FileMode;

    /// <summary>The rules of <c>git check-ref-format --branch</c> that a template's value can break.</summary>
    public static bool IsValidBranch(string? name) =>
        !string.IsNullOrEmpty(name) && name != "@" && !name.StartsWith('/') && !name.EndsWith('/') && !name.EndsWith('.') && !name.StartsWith('-')
        && !name.Contains("..", StringComparison.Ordinal) && !name.Contains("//", StringComparison.Ordinal) && !name.Contains("@{", StringComparison.Ordinal)
        && !name.EndsWith(".lock", StringComparison.Ordinal) && !name.Split('/').Any(part => part.StartsWith('.'))
        && !name.Any(c => char.IsControl(c) || c is ' ' or '~' or '^' or ':' or '?' or '*' or '[' or '\\');

    /// <summary>Why <paramref name="path"/> cannot be a file in a git tree, or null when it can.</summary>
    public static string? PathProblem(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "the path is empty";
        }
        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "use '/' between folders, not '\\'";
        }
        if (path.StartsWith('/'))
        {
            return "the path is absolute; it must be relative to the workspace";
        }
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return "the path contains a NUL character";
        }
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0)
            {
                return "the path has an empty folder name ('//' or a trailing '/')";
            }
            if (part is "." or "..")
            {
                return $"the path contains '{part}'";
            }
            if (part.Equals(".git", StringComparison.OrdinalIgnoreCase))
            {
                return "git refuses files inside a '.git' folder";
            }
        }
        return null;
    }
}
