using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Simulators.GitHub;

/// <summary>
/// GitHub's REST answers, field for field as api.github.com sends them (the fields Octokit and Backstage read, and
/// their neighbours), with URLs on the simulator: the API under <c>api/v3/</c>, browser pages at the root, as on
/// GitHub Enterprise Server.
/// </summary>
internal sealed class SimGitHubJson(Uri web)
{
    public Uri Web { get; } = web;

    public string Api(string path) => new Uri(Web, "api/v3/" + path).AbsoluteUri;

    public string Page(string path) => new Uri(Web, path).AbsoluteUri;

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string NodeId(string kind, long id) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"0:{kind}{id}"));

    public JsonObject Account(SimAccount account) => new()
    {
        ["login"] = account.Login, ["id"] = account.Id, ["node_id"] = NodeId(account.IsOrganization ? "Organization" : "User", account.Id),
        ["avatar_url"] = Page($"avatars/u/{account.Id}"), ["gravatar_id"] = "", ["url"] = Api($"users/{account.Login}"),
        ["html_url"] = Page(account.Login), ["repos_url"] = Api($"users/{account.Login}/repos"),
        ["type"] = account.IsOrganization ? "Organization" : "User", ["site_admin"] = false,
    };

    /// <summary><c>GET /orgs/{org}</c>.</summary>
    public JsonObject Organization(SimAccount org, int repos) => new()
    {
        ["login"] = org.Login, ["id"] = org.Id, ["node_id"] = NodeId("Organization", org.Id), ["url"] = Api($"orgs/{org.Login}"),
        ["repos_url"] = Api($"orgs/{org.Login}/repos"), ["hooks_url"] = Api($"orgs/{org.Login}/hooks"),
        ["avatar_url"] = Page($"avatars/u/{org.Id}"), ["description"] = $"{org.Login} (simulated)", ["name"] = org.Login,
        ["html_url"] = Page(org.Login), ["public_repos"] = repos, ["type"] = "Organization",
        ["created_at"] = "2020-01-01T00:00:00Z", ["updated_at"] = "2020-01-01T00:00:00Z",
    };

    /// <summary><c>GET /user</c> and <c>GET /users/{login}</c>.</summary>
    public JsonObject User(SimAccount account, int repos)
    {
        var user = Account(account);
        user["name"] = account.Login;
        user["public_repos"] = repos;
        user["created_at"] = "2020-01-01T00:00:00Z";
        user["updated_at"] = "2020-01-01T00:00:00Z";
        return user;
    }

    public JsonObject Repository(SimRepo repo)
    {
        var path = repo.FullName;
        return new JsonObject
        {
            ["id"] = repo.Id, ["node_id"] = NodeId("Repository", repo.Id), ["name"] = repo.Name, ["full_name"] = path,
            ["private"] = repo.IsPrivate, ["owner"] = Account(repo.Owner), ["html_url"] = Page(path), ["description"] = repo.Description,
            ["fork"] = false, ["url"] = Api($"repos/{path}"), ["git_url"] = $"git://{Web.Authority}/{path}.git",
            ["ssh_url"] = $"git@{Web.Host}:{path}.git", ["clone_url"] = Page(path + ".git"), ["svn_url"] = Page(path),
            ["homepage"] = repo.Homepage, ["size"] = repo.IsEmpty ? 0 : 1, ["stargazers_count"] = 0, ["watchers_count"] = 0,
            ["language"] = null, ["has_issues"] = repo.HasIssues, ["has_projects"] = repo.HasProjects, ["has_downloads"] = true,
            ["has_wiki"] = repo.HasWiki, ["has_pages"] = false, ["forks_count"] = 0, ["archived"] = repo.Archived, ["disabled"] = false,
            ["open_issues_count"] = repo.Pulls.Count, ["license"] = null, ["allow_forking"] = true, ["is_template"] = false,
            ["topics"] = new JsonArray([.. repo.Topics.Select(t => (JsonNode)t)]), ["visibility"] = repo.Visibility, ["forks"] = 0,
            ["open_issues"] = repo.Pulls.Count, ["watchers"] = 0, ["default_branch"] = repo.DefaultBranch,
            ["permissions"] = new JsonObject { ["admin"] = true, ["maintain"] = true, ["push"] = true, ["triage"] = true, ["pull"] = true },
            ["created_at"] = Date(repo.CreatedAt), ["updated_at"] = Date(repo.UpdatedAt),
            ["pushed_at"] = repo.PushedAt is { } pushed ? Date(pushed) : Date(repo.CreatedAt),
        };
    }

    public JsonObject Blob(SimRepo repo, SimBlob blob) => new()
    {
        ["sha"] = blob.Sha, ["node_id"] = NodeId("Blob", blob.Sha.GetHashCode(StringComparison.Ordinal)), ["size"] = blob.Content.Length,
        ["url"] = Api($"repos/{repo.FullName}/git/blobs/{blob.Sha}"), ["content"] = Base64Lines(blob.Content), ["encoding"] = "base64",
    };

    public JsonObject BlobCreated(SimRepo repo, SimBlob blob) => new() { ["sha"] = blob.Sha, ["url"] = Api($"repos/{repo.FullName}/git/blobs/{blob.Sha}") };

    public JsonObject Tree(SimRepo repo, SimTree tree, bool recursive)
    {
        var items = new JsonArray();
        AddEntries(repo, tree, "", recursive, items);
        return new JsonObject { ["sha"] = tree.Sha, ["url"] = Api($"repos/{repo.FullName}/git/trees/{tree.Sha}"), ["tree"] = items, ["truncated"] = false };
    }

    private void AddEntries(SimRepo repo, SimTree tree, string prefix, bool recursive, JsonArray items)
    {
        foreach (var entry in tree.Entries)
        {
            var item = new JsonObject { ["path"] = prefix + entry.Name, ["mode"] = entry.Mode, ["type"] = entry.Type, ["sha"] = entry.Sha };
            if (entry.Type == "blob")
            {
                item["size"] = repo.Objects.Find<SimBlob>(entry.Sha)?.Content.Length ?? 0;
            }
            item["url"] = Api($"repos/{repo.FullName}/git/{entry.Type}s/{entry.Sha}");
            items.Add(item);
            if (recursive && entry.Type == "tree" && repo.Objects.Find<SimTree>(entry.Sha) is { } sub)
            {
                AddEntries(repo, sub, prefix + entry.Name + "/", recursive, items);
            }
        }
    }

    public JsonObject Commit(SimRepo repo, SimCommit commit) => new()
    {
        ["sha"] = commit.Sha, ["node_id"] = NodeId("Commit", commit.Sha.GetHashCode(StringComparison.Ordinal)),
        ["url"] = Api($"repos/{repo.FullName}/git/commits/{commit.Sha}"), ["html_url"] = Page($"{repo.FullName}/commit/{commit.Sha}"),
        ["author"] = Person(commit.Author), ["committer"] = Person(commit.Committer),
        ["tree"] = new JsonObject { ["sha"] = commit.Tree, ["url"] = Api($"repos/{repo.FullName}/git/trees/{commit.Tree}") },
        ["message"] = commit.Message,
        ["parents"] = new JsonArray([.. commit.Parents.Select(p => (JsonNode)new JsonObject
        {
            ["sha"] = p, ["url"] = Api($"repos/{repo.FullName}/git/commits/{p}"), ["html_url"] = Page($"{repo.FullName}/commit/{p}"),
        })]),
        ["verification"] = new JsonObject { ["verified"] = false, ["reason"] = "unsigned", ["signature"] = null, ["payload"] = null },
    };

    public JsonObject Reference(SimRepo repo, string name, string sha) => new()
    {
        ["ref"] = name, ["node_id"] = NodeId("Ref", name.GetHashCode(StringComparison.Ordinal)), ["url"] = Api($"repos/{repo.FullName}/git/{name}"),
        ["object"] = new JsonObject { ["sha"] = sha, ["type"] = "commit", ["url"] = Api($"repos/{repo.FullName}/git/commits/{sha}") },
    };

    public JsonObject Branch(SimRepo repo, string name, string sha, bool full)
    {
        var branch = new JsonObject
        {
            ["name"] = name,
            ["commit"] = full && repo.Objects.Find<SimCommit>(sha) is { } commit
                ? new JsonObject
                {
                    ["sha"] = sha, ["url"] = Api($"repos/{repo.FullName}/commits/{sha}"), ["commit"] = Commit(repo, commit),
                    ["parents"] = new JsonArray([.. commit.Parents.Select(p => (JsonNode)new JsonObject { ["sha"] = p })]),
                }
                : new JsonObject { ["sha"] = sha, ["url"] = Api($"repos/{repo.FullName}/commits/{sha}") },
            ["protected"] = false,
        };
        if (full)
        {
            branch["_links"] = new JsonObject { ["self"] = Api($"repos/{repo.FullName}/branches/{name}"), ["html"] = Page($"{repo.FullName}/tree/{name}") };
        }
        return branch;
    }

    public JsonObject Pull(SimRepo repo, SimPull pull, SimAccount user)
    {
        var path = repo.FullName;
        JsonObject Side(string branch, string sha) => new()
        {
            ["label"] = $"{repo.Owner.Login}:{branch}", ["ref"] = branch, ["sha"] = sha, ["user"] = Account(repo.Owner), ["repo"] = Repository(repo),
        };
        return new JsonObject
        {
            ["url"] = Api($"repos/{path}/pulls/{pull.Number}"), ["id"] = pull.Id, ["node_id"] = NodeId("PullRequest", pull.Id),
            ["html_url"] = Page($"{path}/pull/{pull.Number}"), ["diff_url"] = Page($"{path}/pull/{pull.Number}.diff"),
            ["patch_url"] = Page($"{path}/pull/{pull.Number}.patch"), ["issue_url"] = Api($"repos/{path}/issues/{pull.Number}"),
            ["number"] = pull.Number, ["state"] = "open", ["locked"] = false, ["title"] = pull.Title, ["user"] = Account(user), ["body"] = pull.Body,
            ["created_at"] = Date(pull.CreatedAt), ["updated_at"] = Date(pull.CreatedAt), ["closed_at"] = null, ["merged_at"] = null,
            ["merge_commit_sha"] = null, ["assignee"] = null, ["assignees"] = new JsonArray(), ["requested_reviewers"] = new JsonArray(),
            ["labels"] = new JsonArray(), ["draft"] = pull.Draft, ["head"] = Side(pull.Head, pull.HeadSha), ["base"] = Side(pull.Base, pull.BaseSha),
            ["author_association"] = "OWNER", ["merged"] = false, ["mergeable"] = null, ["mergeable_state"] = "unknown", ["comments"] = 0,
            ["review_comments"] = 0, ["commits"] = repo.CommitsBetween(pull.BaseSha, pull.HeadSha).Count, ["additions"] = 0, ["deletions"] = 0,
            ["changed_files"] = 0,
        };
    }

    /// <summary>A webhook; GitHub never echoes the secret, it shows <c>********</c>.</summary>
    public JsonObject Hook(SimRepo repo, SimHook hook)
    {
        var config = new JsonObject { ["content_type"] = hook.ContentType, ["insecure_ssl"] = "0", ["url"] = hook.Url };
        if (hook.Secret is not null)
        {
            config["secret"] = "********";
        }
        var url = Api($"repos/{repo.FullName}/hooks/{hook.Id}");
        return new JsonObject
        {
            ["type"] = "Repository", ["id"] = hook.Id, ["name"] = "web", ["active"] = hook.Active,
            ["events"] = new JsonArray([.. hook.Events.Select(e => (JsonNode)e)]), ["config"] = config,
            ["updated_at"] = Date(hook.CreatedAt), ["created_at"] = Date(hook.CreatedAt), ["url"] = url, ["test_url"] = url + "/test",
            ["ping_url"] = url + "/pings", ["deliveries_url"] = url + "/deliveries",
            ["last_response"] = new JsonObject { ["code"] = null, ["status"] = "unused", ["message"] = null },
        };
    }

    /// <summary>A file of the contents API (JSON form), base64 in lines of 60 as GitHub sends it.</summary>
    public JsonObject ContentFile(SimRepo repo, string path, string @ref, SimBlob blob, bool withContent)
    {
        var file = ContentEntry(repo, path, @ref, "file", blob.Sha, blob.Content.Length);
        if (withContent)
        {
            file["content"] = Base64Lines(blob.Content);
            file["encoding"] = "base64";
        }
        return file;
    }

    public JsonObject ContentEntry(SimRepo repo, string path, string @ref, string type, string sha, int size)
    {
        var self = Api($"repos/{repo.FullName}/contents/{path}?ref={Uri.EscapeDataString(@ref)}");
        var html = Page($"{repo.FullName}/{(type == "dir" ? "tree" : "blob")}/{@ref}/{path}");
        var git = Api($"repos/{repo.FullName}/git/{(type == "dir" ? "trees" : "blobs")}/{sha}");
        return new JsonObject
        {
            ["type"] = type, ["size"] = size, ["name"] = path.Split('/')[^1], ["path"] = path, ["sha"] = sha, ["url"] = self,
            ["git_url"] = git, ["html_url"] = html, ["download_url"] = type == "file" ? Page($"{repo.FullName}/raw/{@ref}/{path}") : null,
            ["_links"] = new JsonObject { ["self"] = self, ["git"] = git, ["html"] = html },
        };
    }

    private static JsonObject Person(SimPerson person) => new() { ["name"] = person.Name, ["email"] = person.Email, ["date"] = Date(person.Date) };

    private static string Base64Lines(byte[] content)
    {
        var text = Convert.ToBase64String(content);
        var lines = new StringBuilder();
        for (var i = 0; i < text.Length; i += 60)
        {
            lines.Append(text.AsSpan(i, Math.Min(60, text.Length - i))).Append('\n');
        }
        return lines.ToString();
    }
}
