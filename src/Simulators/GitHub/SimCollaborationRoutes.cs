using System.Net;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Simulators.GitHub;

/// <summary>Pull requests and repository webhooks.</summary>
public sealed partial class GitHubSimulator
{
    private const string PullDocs = "rest/pulls/pulls#create-a-pull-request";
    private const string HookDocs = "rest/repos/webhooks#create-a-repository-webhook";

    private void MapCollaboration(RouteGroupBuilder repos)
    {
        repos.MapPost("/pulls", async (HttpContext c, string owner, string repo) =>
        {
            var body = await BodyAsync(c);
            return body is null ? BadJson : Locked(() => Visible(c, owner, repo) is { } found ? CreatePull(found, body) : NotFound(PullDocs));
        });
        repos.MapGet("/pulls", (HttpContext c, string owner, string repo) => Locked(() => Visible(c, owner, repo) is { } found
            ? Results.Json(new JsonArray([.. found.Pulls.OrderByDescending(p => p.Number).Select(p => (JsonNode)_json.Pull(found, p, User))]))
            : NotFound("rest/pulls/pulls#list-pull-requests")));
        repos.MapGet("/pulls/{number:int}", (HttpContext c, string owner, string repo, int number) => Locked(() =>
            Visible(c, owner, repo) is { } found && found.Pulls.FirstOrDefault(p => p.Number == number) is { } pull
                ? Results.Json(_json.Pull(found, pull, User))
                : NotFound("rest/pulls/pulls#get-a-pull-request")));
        repos.MapPost("/hooks", async (HttpContext c, string owner, string repo) =>
        {
            var body = await BodyAsync(c);
            return body is null ? BadJson : Locked(() => Visible(c, owner, repo) is { } found ? CreateHook(found, body) : NotFound(HookDocs));
        });
        repos.MapGet("/hooks", (HttpContext c, string owner, string repo) => Locked(() => Visible(c, owner, repo) is { } found
            ? Results.Json(new JsonArray([.. found.Hooks.Select(h => (JsonNode)_json.Hook(found, h))]))
            : NotFound("rest/repos/webhooks#list-repository-webhooks")));
    }

    private IResult CreatePull(SimRepo repo, JsonObject body)
    {
        var title = body["title"]?.GetValue<string>();
        var head = body["head"]?.GetValue<string>() ?? "";
        var @base = body["base"]?.GetValue<string>() ?? "";
        if (string.IsNullOrWhiteSpace(title))
        {
            return Invalid("PullRequest", "title", "missing_field", PullDocs);
        }
        // "owner:branch" names a branch of this repository (or of a fork, which the simulator has none of).
        if (head.Split(':') is [var headOwner, var branch])
        {
            if (!string.Equals(headOwner, repo.Owner.Login, StringComparison.OrdinalIgnoreCase))
            {
                return Invalid("PullRequest", "head", "invalid", PullDocs);
            }
            head = branch;
        }
        if (repo.Head(@base) is not { } baseSha)
        {
            return Invalid("PullRequest", "base", "invalid", PullDocs);
        }
        if (repo.Head(head) is not { } headSha)
        {
            return Invalid("PullRequest", "head", "invalid", PullDocs);
        }
        if (repo.Pulls.Any(p => p.Head == head && p.Base == @base))
        {
            return Invalid("PullRequest", "head", "custom", PullDocs, $"A pull request already exists for {repo.Owner.Login}:{head}.");
        }
        if (repo.CommitsBetween(baseSha, headSha).Count == 0)
        {
            return Invalid("PullRequest", "head", "custom", PullDocs, $"No commits between {@base} and {head}");
        }
        var pull = new SimPull(repo.Pulls.Count + 1, NextId(), title, body["body"]?.GetValue<string>(), head, headSha, @base, baseSha,
            body["draft"]?.GetValue<bool>() ?? false, User.Login, DateTimeOffset.UtcNow);
        repo.Pulls.Add(pull);
        return Results.Created(_json.Api($"repos/{repo.FullName}/pulls/{pull.Number}"), _json.Pull(repo, pull, User));
    }

    private IResult CreateHook(SimRepo repo, JsonObject body)
    {
        if (body["config"] is not JsonObject config || config["url"]?.GetValue<string>() is not { Length: > 0 } url)
        {
            return Invalid("Hook", "config", "custom", HookDocs, "Config must contain url");
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            return Invalid("Hook", "url", "custom", HookDocs, "Url is not supported because it isn't reachable over the public Internet");
        }
        if (repo.Hooks.Any(h => h.Url == url))
        {
            return Invalid("Hook", "config", "custom", HookDocs, "Hook already exists on this repository");
        }
        var contentType = config["content_type"]?.GetValue<string>() ?? "form";
        if (contentType is not ("json" or "form"))
        {
            return Invalid("Hook", "content_type", "invalid", HookDocs);
        }
        var events = (body["events"] as JsonArray)?.Select(e => e?.GetValue<string>() ?? "").ToList() ?? ["push"];
        var hook = new SimHook(NextId(), url, contentType, config["secret"]?.GetValue<string>(), events, body["active"]?.GetValue<bool>() ?? true,
            DateTimeOffset.UtcNow);
        repo.Hooks.Add(hook);
        return Results.Created(_json.Api($"repos/{repo.FullName}/hooks/{hook.Id}"), _json.Hook(repo, hook));
    }
}
