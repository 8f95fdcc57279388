namespace Fawkes.Portal.Features.Templates.Workspace;

/// <summary>A file in a workspace or a template's directory.</summary>
public sealed record WorkspaceFile(byte[] Content, bool Executable = false);

/// <summary>Thrown when a workspace grows past the configured limits (<c>Templates:Limits</c>).</summary>
public sealed class WorkspaceLimitException(string message) : Exception(message);

/// <summary>
/// The files a run builds, in memory: small services' skeletons are kilobytes, a dry run must leave nothing on disk, and
/// in memory nothing can follow a symlink out of the workspace. Paths are normalised through <see cref="WorkspacePath"/>;
/// size limits are checked on every write, so an oversized skeleton fails at the file that crossed the line.
/// </summary>
public sealed class ScaffolderWorkspace(WorkspaceLimits limits)
{
    private readonly SortedDictionary<string, WorkspaceFile> _files = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _directories = new(StringComparer.Ordinal);
    private long _bytes;

    public WorkspaceLimits Limits { get; } = limits;

    public IReadOnlyCollection<string> Paths => _files.Keys;

    public IEnumerable<KeyValuePair<string, WorkspaceFile>> Files => _files;

    public bool Exists(string path) => _files.ContainsKey(path) || _directories.Contains(path) || _files.Keys.Any(k => k.StartsWith(path + "/", StringComparison.Ordinal));

    public bool IsDirectory(string path) => path.Length == 0 || _directories.Contains(path) || _files.Keys.Any(k => k.StartsWith(path + "/", StringComparison.Ordinal));

    public WorkspaceFile? Read(string path) => _files.GetValueOrDefault(path);

    public void Write(string path, WorkspaceFile file)
    {
        var normalised = WorkspacePath.Normalise(path);
        if (normalised.Length == 0)
        {
            throw new PathEscapeException(path);
        }
        if (file.Content.Length > Limits.MaxFileBytes)
        {
            throw new WorkspaceLimitException($"'{normalised}' is {file.Content.Length:N0} bytes; a file may have at most {Limits.MaxFileBytes:N0} (Templates:Limits:MaxFileBytes).");
        }
        var previous = _files.GetValueOrDefault(normalised);
        if (previous is null && _files.Count >= Limits.MaxFiles)
        {
            throw new WorkspaceLimitException($"Writing '{normalised}' would make more than {Limits.MaxFiles:N0} files (Templates:Limits:MaxFiles).");
        }
        var bytes = _bytes - (previous?.Content.Length ?? 0) + file.Content.Length;
        if (bytes > Limits.MaxTotalBytes)
        {
            throw new WorkspaceLimitException($"Writing '{normalised}' would make the workspace {bytes:N0} bytes; the limit is {Limits.MaxTotalBytes:N0} (Templates:Limits:MaxTotalBytes).");
        }
        _bytes = bytes;
        _files[normalised] = file;
        _directories.Remove(normalised);
    }

    public void CreateDirectory(string path)
    {
        var normalised = WorkspacePath.Normalise(path);
        if (normalised.Length > 0 && !_files.ContainsKey(normalised))
        {
            _directories.Add(normalised);
        }
    }

    /// <summary>Deletes a file or a directory with everything in it; returns whether anything was there.</summary>
    public bool Delete(string path)
    {
        var removed = false;
        foreach (var key in _files.Keys.Where(k => WorkspacePath.IsWithin(k, path)).ToList())
        {
            _bytes -= _files[key].Content.Length;
            _files.Remove(key);
            removed = true;
        }
        removed |= _directories.RemoveWhere(d => WorkspacePath.IsWithin(d, path)) > 0;
        return removed;
    }

    /// <summary>Moves a file or directory; the destination's files are replaced only when <paramref name="overwrite"/>.</summary>
    public void Move(string from, string to, bool overwrite)
    {
        var moving = _files.Where(f => WorkspacePath.IsWithin(f.Key, from)).ToList();
        foreach (var (key, file) in moving)
        {
            var target = to + key[from.Length..];
            if (_files.ContainsKey(target) && !overwrite)
            {
                throw new IOException($"'{target}' already exists; set overwrite: true to replace it.");
            }
        }
        foreach (var (key, file) in moving)
        {
            _files.Remove(key);
            _bytes -= file.Content.Length;
        }
        foreach (var (key, file) in moving)
        {
            Write(to + key[from.Length..], file);
        }
        foreach (var directory in _directories.Where(d => WorkspacePath.IsWithin(d, from)).ToList())
        {
            _directories.Remove(directory);
            _directories.Add(to + directory[from.Length..]);
        }
    }
}

/// <summary>How big a run may make its workspace. Bound from <c>Templates:Limits</c>.</summary>
public sealed class WorkspaceLimits
{
    public int MaxFiles { get; set; } = 5_000;
    public long MaxFileBytes { get; set; } = 5 * 1024 * 1024;
    public long MaxTotalBytes { get; set; } = 50 * 1024 * 1024;
}
