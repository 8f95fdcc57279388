using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fawkes.Portal.Simulators.GitHub;

/// <summary>Accounts, repository creation and settings, topics.</summary>
public sealed partial class GitHubSimulator
{
    private const string CreateDocs = "rest/repos/repos#create-an-organization-repository";

    private void MapAccounts(RouteGroupBuilder api)
    {
        api.MapGet("/user", (HttpContext c) => Authenticated(c)
            ? Locked(() => Results.Json(_json.User(User, _repos.Values.Count(r => r.Owner == User))))
            : Error(HttpStatusCode.Unauthorized, "Requires authentication", "rest/users/users#get-the-authenticated-user"));
        api.MapGet("/users/{login}", (string login) => Locked(() => _accounts.TryGetValue(login, out var account)
            ? Results.Json(_json.User(account, _repos.Values.Count(r => r.Owner == account && !r.IsPrivate)))
            : NotFound("rest/users/users#get-a-user")));
        api.MapGet("/orgs/{org}", (string org) => Locked(() => _accounts.TryGetValue(org, out var account) && account.IsOrganization
            ? Results.Json(_json.Organization(account, _repos.Values.Count(r => r.Owner == account && !r.IsPrivate)))
            : NotFound("rest/orgs/orgs#get-an-organization")));
        api.MapPost("/orgs/{org}/repos", async (HttpContext c, string org) =>
        {
            var body = await BodyAsync(c);
            return body is null ? BadJson : Locked(() => _accounts.TryGetValue(org, out var account) && account.IsOrganization
                ? CreateRepository(account, body)
                : NotFound(CreateDocs));
        });
        api.MapPost("/user/repos", async (HttpContext c) =>
        {
            var body = await BodyAsync(c);
            return body is null ? BadJson : Locked(() => CreateRepository(User, body));
        });
    }

    private void MapRepositories(RouteGroupBuilder repos)
    {
        repos.MapGet("", (HttpContext c, string owner, string repo) => Locked(() => Visible(c, owner, repo) is { } found
            ? Results.Json(_json.Repository(found))
            : NotFound("rest/repos/repos#get-a-repository")));
        repos.MapPatch("", async (HttpContext c, string owner, string repo) =>
        {
            var body = await BodyAsync(c);
            return body is null ? BadJson : Locked(() => Visible(c, owner, repo) is { } found
                ? UpdateRepository(found, body)
                : NotFound("rest/repos/repos#update-a-repository"));
        });
        repos.MapGet("/topics", (HttpContext c, string owner, string repo) => Locked(() => Visible(c, owner, repo) is { } found
            ? Results.Json(new JsonObject { ["names"] = new JsonArray([.. found.Topics.Select(t => (JsonNode)t)]) })
            : NotFound("rest/repos/repos#get-all-repository-topics")));
        repos.MapPut("/topics", async (HttpContext c, string owner, string repo) =>
        {
            var body = await BodyAsync(c);
            return body is null ? BadJson : Locked(() => Visible(c, owner, repo) is { } found
                ? ReplaceTopics(found, body)
                : NotFound("rest/repos/repos#replace-all-repository-topics"));
        });
        MapContents(repos);
        MapCollaboration(repos);
    }

    private IResult Locked(Func<IResult> answer)
    {
        lock (_gate)
        {
            return answer();
        }
    }

    private IResult CreateRepository(SimAccount owner, JsonObject body)
    {
        var requested = body["name"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(requested))
        {
            return Invalid("Repository", "name", "missing_field", CreateDocs, title: "Repository creation failed.");
        }
        // GitHub replaces every character outside [A-Za-z0-9._-] with '-'.
        var name = UnsafeNameCharacters().Replace(requested.Trim(), "-");
        if (_repos.ContainsKey($"{owner.Login}/{name}"))
        {
            return Invalid("Repository", "name", "custom", CreateDocs, "name already exists on this account", "Repository creation failed.");
        }
        var visibility = body["visibility"]?.GetValue<string>() ?? (body["private"]?.GetValue<bool>() == true ? "private" : "public");
        if (visibility is not ("public" or "private" or "internal") || (visibility == "internal" && !owner.IsOrganization))
        {
            return Invalid("Repository", "visibility", "invalid", CreateDocs,
                visibility == "internal" ? "Only organization repositories can be internal." : null, "Repository creation failed.");
        }
        var now = DateTimeOffset.UtcNow;
        var repo = new SimRepo(owner, name, NextId(), now)
        {
            Description = body["description"]?.GetValue<string>(), Homepage = body["homepage"]?.GetValue<string>(), Visibility = visibility,
            HasIssues = body["has_issues"]?.GetValue<bool>() ?? true, HasProjects = body["has_projects"]?.GetValue<bool>() ?? true,
            HasWiki = body["has_wiki"]?.GetValue<bool>() ?? true,
        };
        if (body["auto_init"]?.GetValue<bool>() == true)
        {
            var readme = $"# {name}\n" + (repo.Description is { } d ? $"{d}\n" : "");
            var tree = repo.Objects.BuildTree(new Dictionary<string, (string, string)>(StringComparer.Ordinal)
            {
                ["README.md"] = ("100644", repo.Objects.AddBlob(Encoding.UTF8.GetBytes(readme)).Sha),
            });
            var person = new SimPerson(User.Login, $"{User.Id}+{User.Login}@users.noreply.{BaseAddress.Host}", now);
            repo.Refs["refs/heads/" + repo.DefaultBranch] = repo.Objects.AddCommit(tree.Sha, [], "Initial commit", person, person).Sha;
            repo.PushedAt = now;
        }
        _repos[repo.FullName] = repo;
        return Results.Created(_json.Api($"repos/{repo.FullName}"), _json.Repository(repo));
    }

    private IResult UpdateRepository(SimRepo repo, JsonObject body)
    {
        const string docs = "rest/repos/repos#update-a-repository";
        if (body["default_branch"]?.GetValue<string>() is { } branch && branch != repo.DefaultBranch)
        {
            if (repo.Head(branch) is null)
            {
                return Invalid("Repository", "default_branch", "invalid", docs);
            }
            repo.DefaultBranch = branch;
        }
        if (body["visibility"]?.GetValue<string>() is { } visibility)
        {
            if (visibility is not ("public" or "private" or "internal") || (visibility == "internal" && !repo.Owner.IsOrganization))
            {
                return Invalid("Repository", "visibility", "invalid", docs);
            }
            repo.Visibility = visibility;
        }
        else if (body["private"]?.GetValue<bool>() is { } isPrivate)
        {
            repo.Visibility = isPrivate ? "private" : "public";
        }
        if (body.ContainsKey("description"))
        {
            repo.Description = body["description"]?.GetValue<string>();
        }
        if (body.ContainsKey("homepage"))
        {
            repo.Homepage = body["homepage"]?.GetValue<string>();
        }
        repo.HasIssues = body["has_issues"]?.GetValue<bool>() ?? repo.HasIssues;
        repo.HasWiki = body["has_wiki"]?.GetValue<bool>() ?? repo.HasWiki;
        repo.HasProjects = body["has_projects"]?.GetValue<bool>() ?? repo.HasProjects;
        repo.Archived = body["archived"]?.GetValue<bool>() ?? repo.Archived;
        repo.UpdatedAt = DateTimeOffset.UtcNow;
        return Results.Json(_json.Repository(repo));
    }

    private IResult ReplaceTopics(SimRepo repo, JsonObject body)
    {
        if (body["names"] is not JsonArray names)
        {
            return Invalid("Repository", "names", "missing_field", "rest/repos/repos#replace-all-repository-topics");
        }
        var topics = names.Select(n => n?.GetValue<string>() ?? "").ToList();
        if (topics.FirstOrDefault(t => !TopicPattern().IsMatch(t)) is { } bad)
        {
            return Invalid("Repository", "topics", "invalid", "rest/repos/repos#replace-all-repository-topics",
                $"Topics must start with a lowercase letter or number, consist of 50 characters or less, and can include hyphens: '{bad}'.");
        }
        repo.Topics = [.. topics.Distinct(StringComparer.Ordinal)];
        return Results.Json(new JsonObject { ["names"] = new JsonArray([.. repo.Topics.Select(t => (JsonNode)t)]) });
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeNameCharacters();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,49}$")]
    private static partial Regex TopicPattern();
}
