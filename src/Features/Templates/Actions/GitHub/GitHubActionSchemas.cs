namespace Fawkes.Portal.Features.Templates.Actions.GitHub;

/// <summary>Schemas of the GitHub actions: Backstage's field names; unknown fields are tolerated (Backstage's GitHub
/// module takes many more options than the portal uses, and templates pass them).</summary>
internal static class GitHubActionSchemas
{
    private const string RepoUrl = "\"repoUrl\":{\"type\":\"string\",\"description\":\"Accepts the format 'github.com?repo=reponame&owner=owner' where 'reponame' is the new repository name and 'owner' is an organization or username\"}";
    private const string Common = RepoUrl + """
        ,"description":{"type":"string","description":"Repository Description"},
        "repoVisibility":{"type":"string","enum":["private","public","internal"],"description":"Repository Visibility"},
        "defaultBranch":{"type":"string","description":"Sets the default branch on the repository. The default value is 'main'"},
        "topics":{"type":"array","items":{"type":"string"},"description":"Adds topics to the repository"},
        "token":{"type":"string","description":"The token to use for authorization to GitHub"}
        """;
    private const string PushFields = """
        ,"sourcePath":{"type":"string","description":"Path within the workspace that will be used as the repository root. If omitted, the entire workspace will be published as the repository."},
        "gitCommitMessage":{"type":"string","description":"Sets the commit message on the repository. The default value is 'initial commit'"},
        "gitAuthorName":{"type":"string","description":"Sets the default author name for the commit. The default value is 'Scaffolder'"},
        "gitAuthorEmail":{"type":"string","description":"Sets the default author email for the commit."}
        """;

    public const string PublishInput = "{\"type\":\"object\",\"required\":[\"repoUrl\"],\"properties\":{" + Common + PushFields + "}}";
    public const string CreateInput = "{\"type\":\"object\",\"required\":[\"repoUrl\"],\"properties\":{" + Common + "}}";
    public const string PushInput = "{\"type\":\"object\",\"required\":[\"repoUrl\"],\"properties\":{" + RepoUrl
        + ",\"defaultBranch\":{\"type\":\"string\",\"description\":\"Sets the default branch on the repository. The default value is 'main'\"}" + PushFields + "}}";

    public const string PublishOutput = """
        {"type":"object","properties":{
          "remoteUrl":{"type":"string","description":"A URL to the repository with the provider"},
          "repoContentsUrl":{"type":"string","description":"A URL to the root of the repository"},
          "commitHash":{"type":"string","description":"The git commit hash of the initial commit"}}}
        """;

    public const string CreateOutput = """
        {"type":"object","properties":{
          "remoteUrl":{"type":"string","description":"A URL to the repository with the provider"},
          "repoContentsUrl":{"type":"string","description":"A URL to the root of the repository"}}}
        """;

    public const string PullRequestInput = "{\"type\":\"object\",\"required\":[\"repoUrl\",\"title\",\"description\",\"branchName\"],\"properties\":{" + RepoUrl + """
        ,"title":{"type":"string","description":"The name for the pull request"},
        "description":{"type":"string","description":"The description of the pull request"},
        "branchName":{"type":"string","description":"The name for the branch"},
        "targetBranchName":{"type":"string","description":"The target branch name of the merge request"},
        "sourcePath":{"type":"string","description":"Subdirectory of working directory to copy changes from"},
        "targetPath":{"type":"string","description":"Subdirectory of repository to apply changes to"},
        "draft":{"type":"boolean","description":"Create a draft pull request"},
        "commitMessage":{"type":"string","description":"The commit message for the pull request commit"},
        "token":{"type":"string","description":"The token to use for authorization to GitHub"}}}
        """;

    public const string PullRequestOutput = """
        {"type":"object","properties":{
          "targetBranchName":{"type":"string","description":"Target branch name of the merge request"},
          "remoteUrl":{"type":"string","description":"Link to the pull request in Github"},
          "pullRequestNumber":{"type":"number","description":"The pull request number"}}}
        """;

    public const string WebhookInput = "{\"type\":\"object\",\"required\":[\"repoUrl\",\"webhookUrl\"],\"properties\":{" + RepoUrl + """
        ,"webhookUrl":{"type":"string","description":"Target URL to which the payloads will be delivered"},
        "webhookSecret":{"type":"string","description":"Webhook secret value. The default can be provided internally in action creation"},
        "events":{"type":"array","items":{"type":"string"},"description":"Determines what events the hook is triggered for. Default: push"},
        "active":{"type":"boolean","description":"Determines if notifications are sent when the webhook is triggered. Default: true"},
        "contentType":{"type":"string","enum":["form","json"],"description":"The media type used to serialize the payloads. The default is 'form'"},
        "insecureSsl":{"type":"boolean","description":"Determines whether the SSL certificate of the host for url will be verified when delivering payloads. Default 'false'"},
        "token":{"type":"string","description":"The token to use for authorization to GitHub"}}}
        """;
}
