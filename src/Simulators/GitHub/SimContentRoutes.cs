using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Simulators.GitHub;

/// <summary>The contents API (read, raw read, create or update a file) and branches.</summary>
public sealed partial class GitHubSimulator
{
    private const string RawMediaType = "application/vnd.github.v3.raw";

    private void MapContents(RouteGroupBuilder repos)
    {
        repos.MapGet("/contents", (HttpContext c, string owner, string repo, string? @ref) => GetContents(c, owner, repo, "", @ref));
        repos.MapGet("/contents/{**path}", (HttpContext c, string owner, string repo, string path, string? @ref) =>
            GetContents(c, owner, repo, Uri.UnescapeDataString(path), @ref));
        repos.MapPut("/contents/{**path}", async (HttpContext c, string owner, string repo, string path) =>
        {
            var body = await BodyAsync(c);
            return body is null ? BadJson : Locked(() => Visible(c, owner, repo) is { } found
                ? PutContents(found, Uri.UnescapeDataString(path), body)
                : NotFound("rest/repos/contents#create-or-update-file-contents"));
        });
        repos.MapGet("/branches", (HttpContext c, string owner, string repo) => Locked(() => Visible(c, owner, repo) is { } found
            ? Results.Json(new JsonArray([.. found.Refs.Where(r => r.Key.StartsWith("refs/heads/", StringComparison.Ordinal))
                .Select(r => (JsonNode)_json.Branch(found, r.Key["refs/heads/".Length..], r.Value, full: false))]))
            : NotFound("rest/branches/branches#list-branches")));
        repos.MapGet("/branches/{**branch}", (HttpContext c, string owner, string repo, string branch) => Locked(() =>
            Visible(c, owner, repo) is { } found && found.Head(branch) is { } sha
                ? Results.Json(_json.Branch(found, branch, sha, full: true))
                : Error(HttpStatusCode.NotFound, "Branch not found", "rest/branches/branches#get-a-branch")));
    }

    private IResult GetContents(HttpContext context, string owner, string repo, string path, string? @ref) => Locked(() =>
    {
        const string docs = "rest/repos/contents#get-repository-content";
        if (Visible(context, owner, repo) is not { } found)
        {
            return NotFound(docs);
        }
        if (found.IsEmpty)
        {
            return Error(HttpStatusCode.NotFound, "This repository is empty.", docs);
        }
        var name = @ref ?? found.DefaultBranch;
        if (ResolveTree(found, name) is not { } root)
        {
            return Error(HttpStatusCode.NotFound, $"No commit found for the ref {name}", docs);
        }
        path = path.Trim('/');
        var files = found.Objects.Flatten(root.Sha);
        if (files.TryGetValue(path, out var file) && found.Objects.Find<SimBlob>(file.Sha) is { } blob)
        {
            return context.Request.Headers.Accept.ToString().Contains(".raw", StringComparison.Ordinal)
                ? Results.Bytes(blob.Content, RawMediaType)
                : Results.Json(_json.ContentFile(found, path, name, blob, withContent: true));
        }
        var prefix = path.Length == 0 ? "" : path + "/";
        var children = files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..].Split('/')).GroupBy(parts => parts[0], StringComparer.Ordinal).ToList();
        if (children.Count == 0)
        {
            return NotFound(docs);
        }
        var listing = new JsonArray();
        foreach (var child in children.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var full = prefix + child.Key;
            listing.Add(files.TryGetValue(full, out var entry)
                ? _json.ContentFile(found, full, name, found.Objects.Find<SimBlob>(entry.Sha)!, withContent: false)
                : _json.ContentEntry(found, full, name, "dir", found.Objects.BuildTree(found.Objects.Flatten(root.Sha)
                    .Where(f => f.Key.StartsWith(full + "/", StringComparison.Ordinal))
                    .ToDictionary(f => f.Key[(full.Length + 1)..], f => f.Value, StringComparer.Ordinal)).Sha, 0));
        }
        return Results.Json(listing);
    });

    /// <summary>One file as one commit on the branch; the only write that works on an empty repository (it makes the first commit).</summary>
    private IResult PutContents(SimRepo repo, string path, JsonObject body)
    {
        const string docs = "rest/repos/contents#create-or-update-file-contents";
        var message = body["message"]?.GetValue<string>();
        var content = body["content"]?.GetValue<string>();
        if (message is null || content is null)
        {
            return Invalid("Content", message is null ? "message" : "content", "missing_field", docs);
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(content);
        }
        catch (FormatException)
        {
            return Error(HttpStatusCode.UnprocessableEntity, "content is not valid Base64", docs);
        }
        var branch = body["branch"]?.GetValue<string>() ?? repo.DefaultBranch;
        var head = repo.Head(branch);
        if (head is null && !repo.IsEmpty)
        {
            return Error(HttpStatusCode.NotFound, $"Branch {branch} not found", docs);
        }
        var files = head is null ? new Dictionary<string, (string Mode, string Sha)>(StringComparer.Ordinal)
            : repo.Objects.Flatten(repo.Objects.Find<SimCommit>(head)!.Tree);
        var existing = files.TryGetValue(path, out var old);
        var given = body["sha"]?.GetValue<string>();
        if (existing && given is null)
        {
            return Error(HttpStatusCode.UnprocessableEntity, "Invalid request.\n\n\"sha\" wasn't supplied.", docs);
        }
        if (existing && !string.Equals(given, old.Sha, StringComparison.OrdinalIgnoreCase))
        {
            return Error(HttpStatusCode.Conflict, $"{path} does not match {given}", docs);
        }
        var blob = repo.Objects.AddBlob(bytes);
        files[path] = (existing ? old.Mode : "100644", blob.Sha);
        var tree = repo.Objects.BuildTree(files);
        var now = DateTimeOffset.UtcNow;
        var fallback = new SimPerson(User.Login, $"{User.Id}+{User.Login}@users.noreply.{BaseAddress.Host}", now);
        var author = Person(body["author"] ?? body["committer"], fallback);
        var commit = repo.Objects.AddCommit(tree.Sha, head is null ? [] : [head], message, author, Person(body["committer"], author));
        if (repo.IsEmpty)
        {
            // The first branch pushed to an empty repository becomes its default branch.
            repo.DefaultBranch = branch;
        }
        repo.Refs["refs/heads/" + branch] = commit.Sha;
        repo.PushedAt = now;
        var answer = new JsonObject { ["content"] = _json.ContentFile(repo, path, branch, blob, withContent: false), ["commit"] = _json.Commit(repo, commit) };
        return existing ? Results.Json(answer) : Results.Created(_json.Api($"repos/{repo.FullName}/contents/{path}"), answer);
    }

    /// <summary>
    /// Browser pages a catalog link or a person opens: a file's blob page (answered as raw text) and a repository's front
    /// page. The browser counts as signed in as the token's user, so private repositories show too.
    /// </summary>
    private void MapPages(WebApplication app)
    {
        app.MapGet("/{owner}/{repo}/blob/{**rest}", (string owner, string repo, string rest) => RawPage(owner, repo, rest));
        app.MapGet("/{owner}/{repo}/raw/{**rest}", (string owner, string repo, string rest) => RawPage(owner, repo, rest));
        app.MapGet("/{owner}/{repo}", (string owner, string repo) => Locked(() =>
        {
            if (owner == "api" || _repos.GetValueOrDefault($"{owner}/{(repo.EndsWith(".git", StringComparison.Ordinal) ? repo[..^4] : repo)}") is not { } found)
            {
                return Results.Text("Not Found", "text/plain", statusCode: 404);
            }
            var files = found.Head(found.DefaultBranch) is { } head ? found.Objects.Flatten(found.Objects.Find<SimCommit>(head)!.Tree).Keys.Order(StringComparer.Ordinal).ToList() : [];
            var list = string.Concat(files.Select(f => $"<li><a href=\"/{found.FullName}/blob/{found.DefaultBranch}/{WebUtility.HtmlEncode(f)}\">{WebUtility.HtmlEncode(f)}</a></li>"));
            return Results.Content($"<!doctype html><title>{found.FullName}</title><h1>{found.FullName} (simulated GitHub)</h1>"
                + $"<p>{WebUtility.HtmlEncode(found.Description ?? "")}</p><ul>{list}</ul>", "text/html; charset=utf-8");
        }));
    }

    /// <summary><c>{ref}/{path}</c> where the ref may itself contain slashes: the longest branch that prefixes it wins, as on GitHub.</summary>
    private IResult RawPage(string owner, string repo, string rest) => Locked(() =>
    {
        rest = Uri.UnescapeDataString(rest);
        if (_repos.GetValueOrDefault($"{owner}/{repo}") is not { } found)
        {
            return Results.Text("Not Found", "text/plain", statusCode: 404);
        }
        var parts = rest.Split('/');
        for (var i = parts.Length - 1; i >= 1; i--)
        {
            var name = string.Join('/', parts[..i]);
            if (ResolveTree(found, name) is { } root && found.Objects.Flatten(root.Sha).TryGetValue(string.Join('/', parts[i..]), out var file))
            {
                return Results.Text(Encoding.UTF8.GetString(found.Objects.Find<SimBlob>(file.Sha)!.Content), "text/plain; charset=utf-8");
            }
        }
        return Results.Text("Not Found", "text/plain", statusCode: 404);
    });
}
