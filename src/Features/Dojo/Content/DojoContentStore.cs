using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Dojo.Content;

public sealed class DojoOptions
{
    public const string Section = "Dojo";

    /// <summary>The content folder, relative to the content root (the app's folder when published).</summary>
    public string ContentPath { get; set; } = "content/dojo";

    /// <summary>Reload when a file changes; on by default in Development only.</summary>
    public bool? WatchContent { get; set; }
}

/// <summary>
/// Holds the current <see cref="Curriculum"/> snapshot. Readers take <see cref="Current"/> once per request and keep
/// that snapshot; a reload (on a file change, in Development) builds a new one and swaps the reference.
/// </summary>
public sealed class DojoContentStore : IDisposable
{
    private readonly ILogger<DojoContentStore> _logger;
    private readonly FileSystemWatcher? _watcher;
    private readonly Timer _debounce;
    private Curriculum _current;

    public DojoContentStore(IOptions<DojoOptions> options, IHostEnvironment environment, ILogger<DojoContentStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _logger = logger;
        Root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.ContentPath));
        _current = Load();
        _debounce = new Timer(_ => Reload());
        if ((options.Value.WatchContent ?? environment.IsDevelopment()) && Directory.Exists(Root))
        {
            // An editor writes a file in several steps; reload once things are quiet for a moment.
            _watcher = new FileSystemWatcher(Root) { IncludeSubdirectories = true, EnableRaisingEvents = true };
            _watcher.Changed += (_, _) => _debounce.Change(300, Timeout.Infinite);
            _watcher.Created += (_, _) => _debounce.Change(300, Timeout.Infinite);
            _watcher.Deleted += (_, _) => _debounce.Change(300, Timeout.Infinite);
            _watcher.Renamed += (_, _) => _debounce.Change(300, Timeout.Infinite);
        }
    }

    public string Root { get; }

    public Curriculum Current => Volatile.Read(ref _current);

    /// <summary>Raised after a reload swapped the snapshot (pages re-render through InvokeAsync).</summary>
    public event Action? Changed;

    public void Reload()
    {
        Volatile.Write(ref _current, Load());
        Changed?.Invoke();
    }

    private Curriculum Load()
    {
        if (!Directory.Exists(Root))
        {
            _logger.LogInformation("Dojo content folder {Root} does not exist; the Dojo is empty.", Root);
            return Curriculum.Empty;
        }
        var load = CurriculumLoader.Load(Root);
        foreach (var error in load.Errors)
        {
            // Run `dojo validate` for the whole list; the portal serves what parsed.
            _logger.LogWarning("Dojo content: {Error}", error.ToString());
        }
        _logger.LogInformation("Dojo content loaded: {Modules} modules, {Quizzes} quizzes from {Root}.",
            load.Curriculum.Modules.Count, load.Curriculum.Quizzes.Count, Root);
        return load.Curriculum;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce.Dispose();
    }
}
