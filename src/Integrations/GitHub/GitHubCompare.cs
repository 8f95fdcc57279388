using System.Text.Json;
using Fawkes.Portal.Data;
using Fawkes.Portal.Features.Dora.Commits;
using Microsoft.EntityFrameworkCore;
using Octokit;

namespace Fawkes.Portal.Integrations.GitHub;

/// <summary>The commits in <c>head</c> that are not in <c>base</c>, from GitHub's compare API, kept in the database once known.</summary>
public sealed class GitHubCompare(GitHubClients clients, IDbContextFactory<PortalDbContext> factory, TimeProvider time)
{
    private const int PageSize = 100;

    public async Task<IReadOnlyList<string>> CommitsAsync(string repository, string @base, string head, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var key = repository.ToLowerInvariant();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Set<CommitCompareRecord>().FindAsync([key, @base, head], ct) is { } cached)
        {
            return JsonSerializer.Deserialize<List<string>>(cached.Shas) ?? [];
        }
        var shas = await FetchAsync(repository, @base, head, ct);
        db.Add(new CommitCompareRecord { Repository = key, Base = @base, Head = head, Shas = JsonSerializer.Serialize(shas), FetchedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another replica stored the same answer first; it is identical.
        }
        return shas;
    }

    private async Task<List<string>> FetchAsync(string repository, string @base, string head, CancellationToken ct)
    {
        var parts = repository.Split('/');
        if (parts.Length != 2)
        {
            throw new ArgumentException($"'{repository}' is not owner/name.", nameof(repository));
        }
        // Compare lists at most 250 commits per response; page through the rest.
        var client = clients.Create();
        var shas = new List<string>();
        for (var page = 1; ; page++)
        {
            var result = await client.Repository.Commit.Compare(parts[0], parts[1], @base, head,
                new ApiOptions { PageSize = PageSize, PageCount = 1, StartPage = page }).WaitAsync(ct);
            // "behind" (a rollback) ships nothing new; "ahead" and "diverged" ship head's own commits.
            shas.AddRange(result.Commits.Select(c => c.Sha));
            if (result.Commits.Count < PageSize || shas.Count >= result.TotalCommits)
            {
                return shas;
            }
        }
    }
}
