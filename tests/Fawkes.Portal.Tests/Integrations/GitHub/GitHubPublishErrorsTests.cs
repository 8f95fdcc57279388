using Fawkes.Portal.Integrations.GitHub;

namespace Fawkes.Portal.Tests.Integrations.GitHub;

/// <summary>How GitHub's error bodies read in a failed step's message.</summary>
public sealed class GitHubPublishErrorsTests
{
    [Theory]
    [InlineData("Repository", "name", "custom", "name already exists on this account", "Repository.name: name already exists on this account")]
    [InlineData("PullRequest", "base", "invalid", null, "PullRequest.base: is invalid")]
    [InlineData("Blob", "content", "missing_field", null, "Blob.content: is required")]
    [InlineData("Label", "color", "already_exists", "", "Label.color: already exists")]
    [InlineData(null, null, "custom", "No commits between main and x", "No commits between main and x")]
    [InlineData("Hook", null, "weird_code", null, "Hook: weird_code")]
    [InlineData(null, null, null, null, "was refused")]
    public void Detail_prefers_GitHub_s_message_and_else_explains_the_code(string? resource, string? field, string? code, string? message, string expected) =>
        Assert.Equal(expected, GitHubPublishErrors.Detail(resource, field, code, message));

    [Fact]
    public void Describe_joins_the_message_and_every_detail_on_one_line()
    {
        Assert.Equal("Validation Failed: Repository.name: is invalid; Repository.visibility: is invalid",
            GitHubPublishErrors.Describe("Validation Failed", ["Repository.name: is invalid", "Repository.visibility: is invalid"]));
        Assert.Equal("Invalid request. \"sha\" wasn't supplied.", GitHubPublishErrors.Describe("Invalid request.\n\"sha\" wasn't supplied.", []));
        Assert.Equal("no message", GitHubPublishErrors.Describe("  ", []));
    }

    [Fact]
    public void AlreadyDoneText_says_nothing_was_created_or_lists_what_was()
    {
        Assert.Equal(" Nothing had been created on GitHub by this step.", GitHubPublishErrors.AlreadyDoneText([]));
        Assert.Equal(" Already done on GitHub: repository a/b created; tree 1234567 created.",
            GitHubPublishErrors.AlreadyDoneText(["repository a/b created", "tree 1234567 created"]));
    }
}
