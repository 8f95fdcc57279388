namespace Fawkes.Portal.Features.Templates.Workspace;

/// <summary>Thrown when a path would leave its workspace (<c>../</c>, an absolute path): Backstage's NotAllowedError.</summary>
public sealed class PathEscapeException(string path)
    : Exception($"Relative path is not allowed to refer to a directory outside its parent: '{path}'.")
{
    public string RequestedPath { get; } = path;
}

/// <summary>
/// Workspace paths are relative, '/'-separated and normalised ("a/./b/../c" → "a/c"). Resolving refuses anything that
/// leaves the base — as Backstage's resolveSafeChildPath does — so <c>targetPath: ../x</c> or an absolute path fails
/// before a byte is written.
/// </summary>
public static class WorkspacePath
{
    /// <summary>Joins <paramref name="relative"/> onto <paramref name="basePath"/> ("" = the root) and normalises it.</summary>
    public static string Resolve(string basePath, string? relative)
    {
        relative ??= "";
        if (relative.StartsWith('/') || relative.StartsWith('\\') || (relative.Length > 1 && relative[1] == ':') || relative.Contains('\0'))
        {
            throw new PathEscapeException(relative);
        }
        var parts = new List<string>();
        foreach (var segment in $"{basePath}/{relative}".Replace('\\', '/').Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (parts.Count == 0)
                    {
                        throw new PathEscapeException(relative);
                    }
                    parts.RemoveAt(parts.Count - 1);
                    break;
                default:
                    parts.Add(segment);
                    break;
            }
        }
        var resolved = string.Join('/', parts);
        var root = string.Join('/', basePath.Replace('\\', '/').Split('/').Where(p => p.Length > 0 && p != "."));
        if (root.Length > 0 && resolved != root && !resolved.StartsWith(root + "/", StringComparison.Ordinal))
        {
            throw new PathEscapeException(relative);
        }
        return resolved;
    }

    public static string Normalise(string path) => Resolve("", path.TrimStart('/'));

    /// <summary>Whether <paramref name="path"/> is <paramref name="directory"/> or inside it.</summary>
    public static bool IsWithin(string path, string directory) =>
        directory.Length == 0 || path == directory || path.StartsWith(directory + "/", StringComparison.Ordinal);
}
