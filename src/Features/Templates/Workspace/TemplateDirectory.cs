namespace Fawkes.Portal.Features.Templates.Workspace;

/// <summary>
/// The files beside a template's <c>template.yaml</c>, read-only: what <c>fetch:template</c> and <c>fetch:plain</c> copy
/// from when their <c>url</c> is relative (<c>./skeleton</c>). A dry run gets them in its request body
/// (<c>directoryContents</c>); a task reads them from the template's catalog location.
/// </summary>
public sealed class TemplateDirectory(IReadOnlyDictionary<string, WorkspaceFile> files, string? description = null)
{
    public static readonly TemplateDirectory Empty = new(new Dictionary<string, WorkspaceFile>());

    public string Description { get; } = description ?? "the template's directory";

    public IReadOnlyDictionary<string, WorkspaceFile> Files { get; } = files;

    /// <summary>The entries under <paramref name="directory"/> with paths relative to it, sorted.</summary>
    public IReadOnlyList<KeyValuePair<string, WorkspaceFile>> Under(string directory) =>
        Files.Where(f => WorkspacePath.IsWithin(f.Key, directory) && f.Key != directory)
            .Select(f => KeyValuePair.Create(directory.Length == 0 ? f.Key : f.Key[(directory.Length + 1)..], f.Value))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToList();

    /// <summary>Reads a template's directory from disk, refusing symlinks (they could point anywhere) and honouring the limits.</summary>
    public static TemplateDirectory FromDisk(string root, WorkspaceLimits limits)
    {
        var files = new Dictionary<string, WorkspaceFile>(StringComparer.Ordinal);
        long total = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var path in Directory.EnumerateFiles(root, "*", options))
        {
            var info = new FileInfo(path);
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (info.LinkTarget is not null || relative.Split('/').Any(s => s == ".."))
            {
                throw new PathEscapeException(relative);
            }
            total += info.Length;
            if (files.Count >= limits.MaxFiles || total > limits.MaxTotalBytes || info.Length > limits.MaxFileBytes)
            {
                throw new WorkspaceLimitException($"The template directory '{root}' is larger than Templates:Limits allow ({files.Count:N0} files, {total:N0} bytes at '{relative}').");
            }
            var executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
            files[relative] = new WorkspaceFile(File.ReadAllBytes(path), executable);
        }
        return new TemplateDirectory(files, root);
    }
}
