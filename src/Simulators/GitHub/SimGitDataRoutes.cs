using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Simulators.GitHub;

/// <summary>The Git Data API: blobs, trees, commits and refs, refused with 409 on an empty repository as GitHub does.</summary>
public sealed partial class GitHubSimulator
{
    private static readonly HashSet<string> Modes = new(StringComparer.Ordinal) { "100644", "100755", "040000", "160000", "120000" };

    private void MapGitData(RouteGroupBuilder git)
    {
        git.MapPost("/blobs", (HttpContext c, string owner, string repo) => WithGitBody(c, owner, repo, "blobs#create-a-blob", CreateBlob));
        git.MapGet("/blobs/{sha}", (HttpContext c, string owner, string repo, string sha) => WithGit(c, owner, repo, "blobs#get-a-blob",
            r => r.Objects.Find<SimBlob>(sha) is { } blob ? Results.Json(_json.Blob(r, blob)) : NotFound("rest/git/blobs#get-a-blob")));
        git.MapPost("/trees", (HttpContext c, string owner, string repo) => WithGitBody(c, owner, repo, "trees#create-a-tree", CreateTree));
        git.MapGet("/trees/{**sha}", (HttpContext c, string owner, string repo, string sha, string? recursive) =>
            WithGit(c, owner, repo, "trees#get-a-tree", r => ResolveTree(r, sha) is { } tree
                ? Results.Json(_json.Tree(r, tree, recursive is not null and not "0" and not "false"))
                : NotFound("rest/git/trees#get-a-tree")));
        git.MapPost("/commits", (HttpContext c, string owner, string repo) => WithGitBody(c, owner, repo, "commits#create-a-commit", CreateCommit));
        git.MapGet("/commits/{sha}", (HttpContext c, string owner, string repo, string sha) => WithGit(c, owner, repo, "commits#get-a-commit",
            r => r.Objects.Find<SimCommit>(sha) is { } commit ? Results.Json(_json.Commit(r, commit)) : NotFound("rest/git/commits#get-a-commit")));
        git.MapGet("/refs", (HttpContext c, string owner, string repo) => WithGit(c, owner, repo, "refs#list-matching-references",
            r => Results.Json(new JsonArray([.. r.Refs.Select(p => (JsonNode)_json.Reference(r, p.Key, p.Value))]))));
        // The legacy form Octokit uses (git/refs/heads/x) and today's (git/ref/heads/x) answer one reference.
        git.MapGet("/refs/{**name}", (HttpContext c, string owner, string repo, string name) => GetReference(c, owner, repo, name));
        git.MapGet("/ref/{**name}", (HttpContext c, string owner, string repo, string name) => GetReference(c, owner, repo, name));
        git.MapGet("/matching-refs/{**name}", (HttpContext c, string owner, string repo, string name) => WithGit(c, owner, repo,
            "refs#list-matching-references", r => Results.Json(new JsonArray([.. r.Refs.Where(p => p.Key.StartsWith("refs/" + name, StringComparison.Ordinal))
                .Select(p => (JsonNode)_json.Reference(r, p.Key, p.Value))]))));
        git.MapPost("/refs", (HttpContext c, string owner, string repo) => WithGitBody(c, owner, repo, "refs#create-a-reference", CreateReference));
        git.MapPatch("/refs/{**name}", (HttpContext c, string owner, string repo, string name) =>
            WithGitBody(c, owner, repo, "refs#update-a-reference", (r, body) => UpdateReference(r, "refs/" + name, body)));
        git.MapDelete("/refs/{**name}", (HttpContext c, string owner, string repo, string name) => WithGit(c, owner, repo, "refs#delete-a-reference",
            r => r.Refs.Remove("refs/" + name) ? Results.NoContent() : Error(HttpStatusCode.UnprocessableEntity, "Reference does not exist", "rest/git/refs#delete-a-reference")));
    }

    private IResult WithGit(HttpContext context, string owner, string repo, string docs, Func<SimRepo, IResult> answer) => Locked(() =>
        Visible(context, owner, repo) is not { } found ? NotFound("rest/git/" + docs)
        : found.IsEmpty ? Error(HttpStatusCode.Conflict, "Git Repository is empty.", "rest/git/" + docs)
        : answer(found));

    private async Task<IResult> WithGitBody(HttpContext context, string owner, string repo, string docs, Func<SimRepo, JsonObject, IResult> answer)
    {
        var body = await BodyAsync(context);
        return body is null ? BadJson : WithGit(context, owner, repo, docs, r => answer(r, body));
    }

    private IResult GetReference(HttpContext context, string owner, string repo, string name) => WithGit(context, owner, repo, "refs#get-a-reference",
        r => r.Refs.TryGetValue("refs/" + name, out var sha) ? Results.Json(_json.Reference(r, "refs/" + name, sha)) : NotFound("rest/git/refs#get-a-reference"));

    private IResult CreateBlob(SimRepo repo, JsonObject body)
    {
        var content = body["content"]?.GetValue<string>();
        var encoding = body["encoding"]?.GetValue<string>() ?? "utf-8";
        if (content is null)
        {
            return Invalid("Blob", "content", "missing_field", "rest/git/blobs#create-a-blob");
        }
        byte[] bytes;
        try
        {
            bytes = encoding switch
            {
                "base64" => Convert.FromBase64String(content),
                "utf-8" or "utf8" => Encoding.UTF8.GetBytes(content),
                _ => throw new FormatException(),
            };
        }
        catch (FormatException)
        {
            return Invalid("Blob", "encoding", "invalid", "rest/git/blobs#create-a-blob", $"encoding '{encoding}' is not supported or the content is not valid {encoding}");
        }
        var blob = repo.Objects.AddBlob(bytes);
        return Results.Created(_json.Api($"repos/{repo.FullName}/git/blobs/{blob.Sha}"), _json.BlobCreated(repo, blob));
    }

    private IResult CreateTree(SimRepo repo, JsonObject body)
    {
        const string docs = "rest/git/trees#create-a-tree";
        var files = new Dictionary<string, (string Mode, string Sha)>(StringComparer.Ordinal);
        if (body["base_tree"]?.GetValue<string>() is { } baseSha)
        {
            if (repo.Objects.Find<SimTree>(baseSha) is null)
            {
                return Error(HttpStatusCode.UnprocessableEntity, "base_tree is not a valid tree oid", docs);
            }
            files = repo.Objects.Flatten(baseSha);
        }
        if (body["tree"] is not JsonArray items)
        {
            return Invalid("Tree", "tree", "missing_field", docs);
        }
        foreach (var item in items.OfType<JsonObject>())
        {
            var path = item["path"]?.GetValue<string>() ?? "";
            var mode = item["mode"]?.GetValue<string>() ?? "";
            var type = item["type"]?.GetValue<string>() ?? "blob";
            if (path.Length == 0 || path.StartsWith('/') || path.EndsWith('/') || path.Split('/').Any(s => s is "" or "." or ".." or ".git"))
            {
                return Error(HttpStatusCode.UnprocessableEntity, $"tree.path '{path}' contains a malformed path component", docs);
            }
            if (!Modes.Contains(mode))
            {
                return Error(HttpStatusCode.UnprocessableEntity, $"tree.mode '{mode}' of '{path}' is not a valid mode", docs);
            }
            // "sha": null deletes the path (and everything below it).
            if (item.ContainsKey("sha") && item["sha"] is null)
            {
                foreach (var key in files.Keys.Where(k => k == path || k.StartsWith(path + "/", StringComparison.Ordinal)).ToList())
                {
                    files.Remove(key);
                }
                continue;
            }
            var sha = item["content"]?.GetValue<string>() is { } content
                ? repo.Objects.AddBlob(Encoding.UTF8.GetBytes(content)).Sha
                : item["sha"]?.GetValue<string>()?.ToLowerInvariant() ?? "";
            switch (type)
            {
                case "blob" when repo.Objects.Find<SimBlob>(sha) is not null:
                    files[path] = (mode, sha);
                    break;
                case "tree" when repo.Objects.Find<SimTree>(sha) is not null:
                    foreach (var (sub, file) in repo.Objects.Flatten(sha, path + "/"))
                    {
                        files[sub] = file;
                    }
                    break;
                default:
                    return Error(HttpStatusCode.UnprocessableEntity, $"tree.sha {sha} is not a valid {type}", docs);
            }
        }
        var tree = repo.Objects.BuildTree(files);
        return Results.Created(_json.Api($"repos/{repo.FullName}/git/trees/{tree.Sha}"), _json.Tree(repo, tree, false));
    }

    private static SimTree? ResolveTree(SimRepo repo, string name)
    {
        var sha = repo.Refs.GetValueOrDefault("refs/heads/" + name) ?? repo.Refs.GetValueOrDefault("refs/tags/" + name) ?? name;
        return repo.Objects.Find(sha) switch
        {
            SimTree tree => tree,
            SimCommit commit => repo.Objects.Find<SimTree>(commit.Tree),
            _ => null,
        };
    }

    private IResult CreateCommit(SimRepo repo, JsonObject body)
    {
        const string docs = "rest/git/commits#create-a-commit";
        var message = body["message"]?.GetValue<string>();
        var tree = body["tree"]?.GetValue<string>() ?? "";
        if (message is null)
        {
            return Invalid("Commit", "message", "missing_field", docs);
        }
        if (repo.Objects.Find<SimTree>(tree) is null)
        {
            return Error(HttpStatusCode.UnprocessableEntity, "Tree SHA does not exist", docs);
        }
        var parents = (body["parents"] as JsonArray ?? []).Select(p => p?.GetValue<string>()?.ToLowerInvariant() ?? "").ToList();
        if (parents.Any(p => repo.Objects.Find<SimCommit>(p) is null))
        {
            return Error(HttpStatusCode.UnprocessableEntity, "Parent SHA does not exist or is not a commit object", docs);
        }
        var now = DateTimeOffset.UtcNow;
        var fallback = new SimPerson(User.Login, $"{User.Id}+{User.Login}@users.noreply.{BaseAddress.Host}", now);
        var author = Person(body["author"], fallback);
        var commit = repo.Objects.AddCommit(tree.ToLowerInvariant(), parents, message, author, Person(body["committer"], author));
        return Results.Created(_json.Api($"repos/{repo.FullName}/git/commits/{commit.Sha}"), _json.Commit(repo, commit));
    }

    private static SimPerson Person(JsonNode? node, SimPerson fallback) => node is JsonObject person
        ? new SimPerson(person["name"]?.GetValue<string>() ?? fallback.Name, person["email"]?.GetValue<string>() ?? fallback.Email,
            person["date"]?.GetValue<string>() is { } date && DateTimeOffset.TryParse(date, System.Globalization.CultureInfo.InvariantCulture, out var at) ? at : fallback.Date)
        : fallback;

    private IResult CreateReference(SimRepo repo, JsonObject body)
    {
        const string docs = "rest/git/refs#create-a-reference";
        var name = body["ref"]?.GetValue<string>() ?? "";
        var sha = body["sha"]?.GetValue<string>()?.ToLowerInvariant() ?? "";
        if (!name.StartsWith("refs/", StringComparison.Ordinal) || name.Count(ch => ch == '/') < 2)
        {
            return Error(HttpStatusCode.UnprocessableEntity, "Reference name must start with 'refs/' and have at least two slashes.", docs);
        }
        if (repo.Refs.ContainsKey(name))
        {
            return Error(HttpStatusCode.UnprocessableEntity, "Reference already exists", docs);
        }
        if (repo.Objects.Find<SimCommit>(sha) is null)
        {
            return Error(HttpStatusCode.UnprocessableEntity, "Object does not exist", docs);
        }
        repo.Refs[name] = sha;
        repo.PushedAt = DateTimeOffset.UtcNow;
        return Results.Created(_json.Api($"repos/{repo.FullName}/git/{name}"), _json.Reference(repo, name, sha));
    }

    private IResult UpdateReference(SimRepo repo, string name, JsonObject body)
    {
        const string docs = "rest/git/refs#update-a-reference";
        var sha = body["sha"]?.GetValue<string>()?.ToLowerInvariant() ?? "";
        if (!repo.Refs.TryGetValue(name, out var current))
        {
            return Error(HttpStatusCode.UnprocessableEntity, "Reference does not exist", docs);
        }
        if (repo.Objects.Find<SimCommit>(sha) is null)
        {
            return Error(HttpStatusCode.UnprocessableEntity, "Object does not exist", docs);
        }
        if (body["force"]?.GetValue<bool>() != true && !repo.Reaches(sha, current))
        {
            return Error(HttpStatusCode.UnprocessableEntity, "Update is not a fast forward", docs);
        }
        repo.Refs[name] = sha;
        repo.PushedAt = DateTimeOffset.UtcNow;
        return Results.Json(_json.Reference(repo, name, sha));
    }
}
