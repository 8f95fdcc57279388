using System.Text;
using Microsoft.Extensions.Options;
using Octokit;

namespace Fawkes.Portal.Integrations.GitHub;

public sealed record GitHubFile(string Owner, string Repo, string Ref, string Path)
{
    /// <summary>The GitHub the file is read from; null is the configured one.</summary>
    public GitHubEndpoint? Endpoint { get; init; }

    public string BlobUrl(string webHost) => $"https://{webHost}/{Owner}/{Repo}/blob/{Ref}/{Path}";
}

public sealed record DiscoveredFile(GitHubFile File, string Text);

/// <summary>Reads catalog files from GitHub through its REST API (Octokit), so GitHub Enterprise and private repositories work.</summary>
public sealed class GitHubCatalogSource(IOptions<GitHubOptions> options, GitHubClients clients)
{
    public string WebHost => options.Value.WebHost;

    /// <summary>
    /// <c>https://github.com/{owner}/{repo}/blob/{ref}/{path}</c> on the configured host, or on the demo simulator (the
    /// <c>repoContentsUrl</c> of a repository the template wizard created there).
    /// </summary>
    public bool TryParseBlobUrl(string url, out GitHubFile file)
    {
        file = default!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || clients.ForWebUrl(uri) is not { } endpoint)
        {
            return false;
        }
        var parts = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 5 || parts[2] is not ("blob" or "tree"))
        {
            return false;
        }
        file = new GitHubFile(parts[0], parts[1], parts[3], string.Join('/', parts[4..].Select(Uri.UnescapeDataString))) { Endpoint = endpoint };
        return true;
    }

    /// <param name="ct">Octokit takes none: it ends the wait, and the pipeline's total timeout ends the request.</param>
    public Task<string> ReadAsync(GitHubFile file, CancellationToken ct = default) =>
        ReadAsync(clients.Create(file?.Endpoint ?? clients.Configured), file!, ct);

    private static async Task<string> ReadAsync(GitHubClient client, GitHubFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        var bytes = await client.Repository.Content.GetRawContentByRef(file.Owner, file.Repo, file.Path, file.Ref).WaitAsync(ct);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Every repository of the organisation that has the catalog file at <paramref name="path"/> on its default branch.</summary>
    public async Task<IReadOnlyList<DiscoveredFile>> DiscoverAsync(string organization, string path, CancellationToken ct = default)
    {
        var client = clients.Create();
        var repositories = await client.Repository.GetAllForOrg(organization).WaitAsync(ct);
        var found = new List<DiscoveredFile>();
        foreach (var repository in repositories.Where(r => !r.Archived).OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            var file = new GitHubFile(organization, repository.Name, repository.DefaultBranch ?? "main", path);
            try
            {
                found.Add(new DiscoveredFile(file, await ReadAsync(client, file, ct)));
            }
            catch (NotFoundException)
            {
                // Most repositories have no catalog file; that is not an error.
            }
        }
        return found;
    }
}
