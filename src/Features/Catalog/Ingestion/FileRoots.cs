namespace Fawkes.Portal.Features.Catalog.Ingestion;

/// <summary>
/// The one rule for every file the catalog reads (registered, configured, nested Location targets, placeholders):
/// its real path — symlinks resolved at every step — must lie below a root. Roots are <c>Catalog:FileRoots</c>, the
/// folders of configured <c>Catalog:Locations</c> (the non-glob prefix of a glob), the demo catalog's and the shipped templates' folder.
/// Checking the real path, not the text of the target, is what makes <c>..</c>, absolute paths and symlinks harmless.
/// </summary>
public sealed class FileRoots(IReadOnlyList<string> roots)
{
    private const int MaxLinkHops = 40; // As Linux's ELOOP: a symlink cycle is an error, not a hang.

    public IReadOnlyList<string> Roots { get; } = roots;

    /// <summary>The roots for these options: FileRoots, configured file locations' folders, the demo catalog's and the templates' folder.</summary>
    public static FileRoots From(CatalogOptions options, string? demoCatalogFolder, string? templatesFolder = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var roots = new List<string>(options.FileRoots);
        roots.AddRange(options.Locations
            .Where(l => l.Type == "file" && Path.IsPathRooted(l.Target))
            .Select(l => FolderOf(l.Target)));
        if (demoCatalogFolder is not null)
        {
            roots.Add(demoCatalogFolder);
        }
        if (templatesFolder is not null)
        {
            roots.Add(templatesFolder);
        }
        return new FileRoots([.. roots.Where(r => r.Length > 0).Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>The fixed folder of a target: its parent folder, or for a glob the folder before the first wildcard.</summary>
    public static string FolderOf(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var star = target.IndexOf('*', StringComparison.Ordinal);
        var fixedPart = star < 0 ? target : target[..star];
        // "/srv/catalog/**" and "/srv/catalog/x.yaml" both have the folder "/srv/catalog".
        return Path.GetDirectoryName(Path.GetFullPath(star < 0 ? fixedPart : fixedPart.TrimEnd('/') + "/x")) ?? "/";
    }

    /// <summary>Null when the file (or, for a glob, the folder it runs from) may be read; else why not, naming the path and the rule.</summary>
    public string? Refusal(string path) => Check(path).Refusal;

    /// <summary>The real path to read (symlinks resolved), or why the path is refused. Read the returned path, not the given one.</summary>
    public (string? RealPath, string? Refusal) Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!Path.IsPathRooted(path))
        {
            return (null, $"Location target {path} must be an absolute path below Catalog:FileRoots ({Describe()}).");
        }
        var isGlob = path.Contains('*', StringComparison.Ordinal);
        var checkedPath = isGlob ? FolderOf(path) : path;
        string real;
        try
        {
            real = RealPath(checkedPath);
        }
        catch (IOException ex)
        {
            return (null, $"Location target {path} cannot be resolved ({ex.Message}); it must lie below Catalog:FileRoots ({Describe()}).");
        }
        // A glob may run from a root itself (/srv/catalog/**/*.yaml); each match it finds is checked again as a file.
        if (Roots.Any(root => IsBelow(real, root, orEqual: isGlob)))
        {
            return (real, null);
        }
        var how = string.Equals(real, Path.GetFullPath(checkedPath), StringComparison.Ordinal) ? "is" : $"resolves to {real}, which is";
        return (null, $"Location target {path} {how} outside Catalog:FileRoots ({Describe()}); " +
            "configured Catalog:Locations count as roots for their own folders.");
    }

    public string Describe() => Roots.Count == 0 ? "none configured" : string.Join(", ", Roots);

    private static bool IsBelow(string realPath, string root, bool orEqual)
    {
        string realRoot;
        try
        {
            realRoot = RealPath(root).TrimEnd('/');
        }
        catch (IOException)
        {
            return false;
        }
        return (orEqual && string.Equals(realPath.TrimEnd('/'), realRoot, StringComparison.Ordinal))
            || realPath.StartsWith(realRoot + "/", StringComparison.Ordinal);
    }

    /// <summary>
    /// The path with every symlink along it resolved (like realpath(3)); parts that do not exist yet are kept as written.
    /// <c>..</c> is applied after resolving the link before it, as the operating system does when opening the file.
    /// </summary>
    public static string RealPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var hops = 0;
        return Resolve(Path.GetPathRoot(Path.GetFullPath(path)) ?? "/", path, ref hops);
    }

    private static string Resolve(string start, string path, ref int hops)
    {
        var current = Path.IsPathRooted(path) ? Path.GetPathRoot(path)! : start;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            if (part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                current = Path.GetDirectoryName(current.TrimEnd('/')) is { Length: > 0 } parent ? parent : Path.GetPathRoot(current)!;
                continue;
            }
            var next = Path.Join(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } link)
            {
                if (++hops > MaxLinkHops)
                {
                    throw new IOException($"more than {MaxLinkHops} symbolic links (a cycle?) at {next}");
                }
                // A relative link is relative to the folder holding it, which is already real here.
                next = Resolve(current, link, ref hops);
            }
            current = next;
        }
        return current;
    }
}
