using Fawkes.Portal.Integrations.GitHub;
using Microsoft.Extensions.FileSystemGlobbing;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Catalog.Ingestion;

public sealed record FetchedFile(string Type, string Location, string Text);

/// <summary>A source could not be read; the message says what and where, and is stored on the location.</summary>
public sealed class SourceFetchException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads location targets: files and globs from disk (only below <see cref="FileRoots"/>, by their real path),
/// URLs over HTTP (with the SSRF guard).
/// </summary>
public sealed class SourceFetcher(UrlFetcher urls, GitHubCatalogSource github, FileRoots roots, IOptions<CatalogOptions> options)
{
    public const string GitHubDiscovery = "github-discovery";

    public async Task<IReadOnlyList<FetchedFile>> FetchAsync(string type, string target, CancellationToken cancellationToken)
    {
        try
        {
            return type switch
            {
                "file" => await ReadFilesAsync(target, cancellationToken),
                // GitHub files go through the REST API (Octokit): private repositories, GitHub Enterprise, rate limits with a token.
                "url" when github.TryParseBlobUrl(target, out var file) => [new FetchedFile("url", target, await github.ReadAsync(file))],
                "url" => [new FetchedFile("url", target, await urls.GetStringAsync(target, cancellationToken))],
                GitHubDiscovery => [.. (await github.DiscoverAsync(target, options.Value.GitHubDiscovery.Path))
                    .Select(d => new FetchedFile("url", d.File.BlobUrl(github.WebHost), d.Text))],
                _ => throw new SourceFetchException($"Unknown location type '{type}': use 'file', 'url', 'backstage' or '{GitHubDiscovery}'."),
            };
        }
        catch (Octokit.NotFoundException)
        {
            throw new SourceFetchException($"GitHub says {target} does not exist (or the token cannot see it).");
        }
        catch (Octokit.ApiException ex)
        {
            throw new SourceFetchException($"GitHub refused reading {target}: {(int)ex.StatusCode} {ex.Message}", ex);
        }
        // Network failures (refused, reset, DNS, open circuit) from HttpClient and from Octokit alike: every caller
        // handles one exception type, so a failed read can never escape as a 500.
        catch (HttpRequestException ex)
        {
            throw new SourceFetchException($"Could not read {target}: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SourceFetchException($"Reading {target} timed out: {ex.Message}", ex);
        }
    }

    /// <summary>A target relative to the file that names it, e.g. a Location's <c>./apis.yaml</c> or a <c>$text</c>.</summary>
    public static string Resolve(string type, string baseLocation, string relative)
    {
        if (Uri.TryCreate(relative, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return relative;
        }
        return type == "file"
            ? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(baseLocation) ?? "/", relative))
            : new Uri(new Uri(baseLocation), relative).ToString();
    }

    public static string TypeOf(string target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? "url" : "file";

    private async Task<IReadOnlyList<FetchedFile>> ReadFilesAsync(string target, CancellationToken cancellationToken)
    {
        // Every file read goes through here, so this is the one place the roots are enforced.
        if (roots.Refusal(target) is { } refused)
        {
            throw new SourceFetchException(refused);
        }
        var paths = target.Contains('*', StringComparison.Ordinal) ? Glob(target) : [target];
        if (paths.Count == 0)
        {
            throw new SourceFetchException($"No file matches '{target}'.");
        }
        // All matches are checked before any is read: a glob with one escaping match is refused whole.
        var files = new List<(string Path, string Real)>();
        foreach (var path in paths)
        {
            var (real, refusal) = roots.Check(path);
            files.Add((path, real ?? throw new SourceFetchException(refusal!)));
        }
        var read = new List<FetchedFile>();
        foreach (var (path, real) in files)
        {
            var info = new FileInfo(real);
            if (!info.Exists)
            {
                throw new SourceFetchException($"File '{path}' does not exist.");
            }
            if (info.Length > options.Value.MaxFileBytes)
            {
                throw new SourceFetchException($"File '{path}' is {info.Length:N0} bytes, over the limit of {options.Value.MaxFileBytes:N0} (Catalog:MaxFileBytes).");
            }
            read.Add(new FetchedFile("file", path, await File.ReadAllTextAsync(real, cancellationToken)));
        }
        return read;
    }

    private static List<string> Glob(string pattern)
    {
        // The fixed folder before the first wildcard is the root the glob runs from.
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        var root = Path.GetDirectoryName(pattern[..star].TrimEnd('/') + "/x") ?? "/";
        if (!Directory.Exists(root))
        {
            return [];
        }
        var matcher = new Matcher();
        matcher.AddInclude(Path.GetRelativePath(root, pattern));
        return [.. matcher.GetResultsInFullPath(root).Order(StringComparer.Ordinal)];
    }
}
