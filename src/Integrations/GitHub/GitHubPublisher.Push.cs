using System.Globalization;
using System.Net;
using Octokit;

namespace Fawkes.Portal.Integrations.GitHub;

/// <summary>Pushing a workspace as one commit through the Git Data API, and pull requests.</summary>
public sealed partial class GitHubPublisher
{
    /// <summary>The file the first commit of an empty repository holds until the workspace commit replaces it.</summary>
    public const string BootstrapPath = ".fawkes-bootstrap";

    /// <summary>
    /// Pushes <paramref name="files"/> as ONE commit on <paramref name="branch"/>: blobs, a tree (mode 100644, or 100755 for
    /// executables), a commit, then the branch. On a branch that exists the commit goes on top (a fast-forward); on a new
    /// branch it is a root commit. GitHub refuses the Git Data API on an empty repository (409), so there a bootstrap file
    /// is written first through the contents API and the workspace commit then replaces it: the branch ends with exactly
    /// one commit, and becomes the repository's default branch, as the first push to an empty repository does.
    /// </summary>
    /// <param name="alreadyDone">What the caller created before this push (publish:github: the repository), so a failure
    /// names it among what is left on GitHub.</param>
    /// <returns>The new commit's sha.</returns>
    public async Task<string> PushWorkspaceAsync(
        string owner, string repo, string branch, IReadOnlyList<(string Path, byte[] Content, bool Executable)> files, string commitMessage,
        GitAuthor? author = null, IReadOnlyList<string>? alreadyDone = null, CancellationToken ct = default)
    {
        var full = $"{owner}/{repo}";
        CheckFiles(full, branch, files);
        var endpoint = Endpoint;
        var client = clients.Create(endpoint);
        var done = new List<string>(alreadyDone ?? []);
        var repository = await Call(endpoint, full, "reading the repository", done, () => client.Repository.Get(owner, repo).WaitAsync(ct));
        var head = await Call(endpoint, full, $"reading branch {branch}", done, () => HeadAsync(client, owner, repo, branch, ct));
        string? bootstrapBranch = null;
        if (head is Head.Empty)
        {
            bootstrapBranch = repository.DefaultBranch ?? "main";
            var bootstrap = new CreateFileRequest("Bootstrap: the Git Data API needs one commit (replaced by the next push)", "Replaced by the first workspace commit.\n", convertContentToBase64: true);
            var made = await Call(endpoint, full, "writing the bootstrap commit", done,
                () => client.Repository.Content.CreateFile(owner, repo, BootstrapPath, bootstrap).WaitAsync(ct));
            done.Add($"bootstrap commit {Short(made.Commit.Sha)} ({BootstrapPath}) on branch {bootstrapBranch}");
        }
        var tree = await UploadTreeAsync(client, endpoint, full, files, baseTree: null, done, ct);
        var parents = head is Head.At at ? new[] { at.Sha } : [];
        var commit = await Call(endpoint, full, "creating the commit", done,
            () => client.Git.Commit.Create(owner, repo, NewCommit(commitMessage, tree, parents, author)).WaitAsync(ct));
        done.Add($"commit {Short(commit.Sha)} created (not yet on any branch)");
        var reference = "heads/" + branch;
        if (head is Head.At)
        {
            await Call(endpoint, full, $"moving branch {branch} to the commit", done,
                () => client.Git.Reference.Update(owner, repo, reference, new ReferenceUpdate(commit.Sha, force: false)).WaitAsync(ct));
        }
        else if (bootstrapBranch == branch)
        {
            // Replaces the bootstrap commit this call just made: the branch's only history.
            await Call(endpoint, full, $"moving branch {branch} to the commit", done,
                () => client.Git.Reference.Update(owner, repo, reference, new ReferenceUpdate(commit.Sha, force: true)).WaitAsync(ct));
        }
        else
        {
            await Call(endpoint, full, $"creating branch {branch}", done,
                () => client.Git.Reference.Create(owner, repo, new NewReference("refs/" + reference, commit.Sha)).WaitAsync(ct));
            if (bootstrapBranch is not null)
            {
                done.Add($"branch {branch} created at {Short(commit.Sha)}");
                await Call(endpoint, full, $"making {branch} the default branch", done,
                    () => client.Repository.Edit(owner, repo, new RepositoryUpdate { DefaultBranch = branch }).WaitAsync(ct));
                done.Add($"default branch set to {branch}");
                await Call(endpoint, full, $"deleting the bootstrap branch {bootstrapBranch}", done,
                    () => DoneAsync(client.Git.Reference.Delete(owner, repo, "heads/" + bootstrapBranch).WaitAsync(ct)));
            }
        }
        logger.LogInformation("Pushed {Files} file(s) to {Repository} branch {Branch} as {Commit}", files.Count, full, branch, commit.Sha);
        return commit.Sha;
    }

    /// <summary>
    /// Branches <paramref name="branchName"/> from <paramref name="targetBranch"/>'s head, commits <paramref name="files"/> on
    /// top of its tree (other files stay), and opens a pull request into <paramref name="targetBranch"/>.
    /// </summary>
    public async Task<CreatedPullRequest> CreatePullRequestAsync(
        string owner, string repo, string targetBranch, string branchName, string title, string? description,
        IReadOnlyList<(string Path, byte[] Content, bool Executable)> files, string? commitMessage = null, GitAuthor? author = null, bool draft = false,
        CancellationToken ct = default)
    {
        var full = $"{owner}/{repo}";
        CheckFiles(full, branchName, files);
        Require(full, GitPaths.IsValidBranch(targetBranch), $"target branch '{targetBranch}' is not a valid branch name");
        Require(full, !string.IsNullOrWhiteSpace(title), "the pull request needs a title");
        var endpoint = Endpoint;
        var client = clients.Create(endpoint);
        var done = new List<string>();
        var target = await Call(endpoint, full, $"reading branch {targetBranch}", done, () => HeadAsync(client, owner, repo, targetBranch, ct));
        if (target is not Head.At at)
        {
            throw new GitHubPublishException($"Cannot open a pull request on {full}: "
                + (target is Head.Empty ? "the repository is empty" : $"branch {targetBranch} does not exist") + ". Nothing was created on GitHub.", full);
        }
        if (await Call(endpoint, full, $"reading branch {branchName}", done, () => HeadAsync(client, owner, repo, branchName, ct)) is Head.At)
        {
            throw new GitHubPublishException(
                $"Cannot open a pull request on {full}: branch {branchName} already exists. Choose another branch name. Nothing was created on GitHub.", full);
        }
        var baseCommit = await Call(endpoint, full, $"reading the head commit of {targetBranch}", done, () => client.Git.Commit.Get(owner, repo, at.Sha).WaitAsync(ct));
        var tree = await UploadTreeAsync(client, endpoint, full, files, baseCommit.Tree.Sha, done, ct);
        var commit = await Call(endpoint, full, "creating the commit", done,
            () => client.Git.Commit.Create(owner, repo, NewCommit(commitMessage ?? title, tree, [at.Sha], author)).WaitAsync(ct));
        done.Add($"commit {Short(commit.Sha)} created");
        await Call(endpoint, full, $"creating branch {branchName}", done,
            () => client.Git.Reference.Create(owner, repo, new NewReference("refs/heads/" + branchName, commit.Sha)).WaitAsync(ct));
        done.Add($"branch {branchName} created at {Short(commit.Sha)}");
        var pull = await Call(endpoint, full, "opening the pull request", done,
            () => client.PullRequest.Create(owner, repo, new NewPullRequest(title, branchName, targetBranch) { Body = description, Draft = draft }).WaitAsync(ct));
        return new CreatedPullRequest(pull.Number, pull.HtmlUrl, branchName, commit.Sha);
    }

    private abstract record Head
    {
        public sealed record At(string Sha) : Head;
        public sealed record Missing : Head;
        public sealed record Empty : Head;
    }

    private static async Task<Head> HeadAsync(GitHubClient client, string owner, string repo, string branch, CancellationToken ct)
    {
        try
        {
            return new Head.At((await client.Git.Reference.Get(owner, repo, "heads/" + branch).WaitAsync(ct)).Object.Sha);
        }
        catch (NotFoundException)
        {
            return new Head.Missing();
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // "Git Repository is empty."
            return new Head.Empty();
        }
    }

    /// <summary>One blob per file, one after the other (GitHub's secondary rate limits punish bursts), then the tree.</summary>
    private static async Task<string> UploadTreeAsync(GitHubClient client, GitHubEndpoint endpoint, string full,
        IReadOnlyList<(string Path, byte[] Content, bool Executable)> files, string? baseTree, List<string> done, CancellationToken ct)
    {
        var parts = full.Split('/');
        var tree = new NewTree { BaseTree = baseTree };
        for (var i = 0; i < files.Count; i++)
        {
            var (path, content, executable) = files[i];
            var blob = await Call(endpoint, full, string.Create(CultureInfo.InvariantCulture, $"uploading file {i + 1} of {files.Count} ({path})"), done,
                () => client.Git.Blob.Create(parts[0], parts[1], new NewBlob { Content = Convert.ToBase64String(content), Encoding = EncodingType.Base64 }).WaitAsync(ct));
            tree.Tree.Add(new NewTreeItem { Path = path, Mode = GitPaths.Mode(executable), Type = TreeType.Blob, Sha = blob.Sha });
        }
        if (files.Count > 0)
        {
            done.Add(string.Create(CultureInfo.InvariantCulture, $"{files.Count} file(s) uploaded as blobs"));
        }
        var created = await Call(endpoint, full, "creating the tree", done, () => client.Git.Tree.Create(parts[0], parts[1], tree).WaitAsync(ct));
        done.Add($"tree {Short(created.Sha)} created");
        return created.Sha;
    }

    private static NewCommit NewCommit(string message, string tree, IEnumerable<string> parents, GitAuthor? author)
    {
        var who = author ?? GitAuthor.Scaffolder;
        var signature = new Committer(who.Name, who.Email, DateTimeOffset.UtcNow);
        return new NewCommit(message, tree, parents) { Author = signature, Committer = signature };
    }

    private static void CheckFiles(string full, string branch, IReadOnlyList<(string Path, byte[] Content, bool Executable)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        Require(full, GitPaths.IsValidBranch(branch), $"branch '{branch}' is not a valid branch name");
        Require(full, files.Count > 0, "the workspace has no files to push");
        foreach (var (path, content, _) in files)
        {
            Require(full, GitPaths.PathProblem(path) is null, $"workspace file '{path}': {GitPaths.PathProblem(path)}");
            Require(full, content is not null, $"workspace file '{path}' has no content");
        }
        var duplicate = files.GroupBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        Require(full, duplicate is null, $"workspace file '{duplicate?.Key}' is listed twice");
    }

    private static async Task<bool> DoneAsync(Task task)
    {
        await task;
        return true;
    }

    private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;
}
