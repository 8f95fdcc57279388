namespace Fawkes.Portal.Simulators.GitHub;

/// <summary>A user or organisation of the simulated GitHub.</summary>
public sealed record SimAccount(string Login, long Id, bool IsOrganization);

public sealed record SimPull(int Number, long Id, string Title, string? Body, string Head, string HeadSha, string Base, string BaseSha, bool Draft,
    string CreatedBy, DateTimeOffset CreatedAt);

public sealed record SimHook(long Id, string Url, string ContentType, string? Secret, IReadOnlyList<string> Events, bool Active, DateTimeOffset CreatedAt);

/// <summary>A repository: settings GitHub keeps, its object database, refs, pull requests and webhooks.</summary>
public sealed class SimRepo(SimAccount owner, string name, long id, DateTimeOffset createdAt)
{
    public SimAccount Owner { get; } = owner;
    public string Name { get; set; } = name;
    public long Id { get; } = id;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public DateTimeOffset UpdatedAt { get; set; } = createdAt;
    public DateTimeOffset? PushedAt { get; set; }
    public string? Description { get; set; }
    public string? Homepage { get; set; }

    /// <summary><c>public</c>, <c>private</c> or <c>internal</c> (organisations only).</summary>
    public string Visibility { get; set; } = "public";

    /// <summary>The branch GitHub reports; an empty repository already reports the account's default (main).</summary>
    public string DefaultBranch { get; set; } = "main";

    public bool HasIssues { get; set; } = true;
    public bool HasProjects { get; set; } = true;
    public bool HasWiki { get; set; } = true;
    public bool Archived { get; set; }
    public List<string> Topics { get; set; } = [];
    public SimGitObjects Objects { get; } = new();

    /// <summary>Full ref names (<c>refs/heads/main</c>) to commit ids.</summary>
    public SortedDictionary<string, string> Refs { get; } = new(StringComparer.Ordinal);

    public List<SimPull> Pulls { get; } = [];
    public List<SimHook> Hooks { get; } = [];

    public string FullName => $"{Owner.Login}/{Name}";

    public bool IsPrivate => Visibility != "public";

    /// <summary>No branch yet: GitHub answers the Git Data API with 409 "Git Repository is empty." until the first commit.</summary>
    public bool IsEmpty => Refs.Count == 0;

    public string? Head(string branch) => Refs.GetValueOrDefault("refs/heads/" + branch);

    /// <summary>Is <paramref name="ancestor"/> reachable from <paramref name="commit"/> (a fast-forward check)?</summary>
    public bool Reaches(string commit, string ancestor)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([commit]);
        while (queue.TryDequeue(out var sha))
        {
            if (sha == ancestor)
            {
                return true;
            }
            if (seen.Add(sha) && Objects.Find<SimCommit>(sha) is { } found)
            {
                foreach (var parent in found.Parents)
                {
                    queue.Enqueue(parent);
                }
            }
        }
        return false;
    }

    /// <summary>Commits reachable from <paramref name="head"/> but not from <paramref name="base"/>, newest first.</summary>
    public List<SimCommit> CommitsBetween(string @base, string head)
    {
        var behind = new HashSet<string>(StringComparer.Ordinal);
        Walk(@base, c => behind.Add(c.Sha));
        var ahead = new List<SimCommit>();
        Walk(head, c =>
        {
            if (!behind.Contains(c.Sha))
            {
                ahead.Add(c);
            }
        });
        return ahead;
    }

    private void Walk(string start, Action<SimCommit> visit)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var sha))
        {
            if (seen.Add(sha) && Objects.Find<SimCommit>(sha) is { } commit)
            {
                visit(commit);
                foreach (var parent in commit.Parents)
                {
                    queue.Enqueue(parent);
                }
            }
        }
    }
}
