using Fawkes.Portal.Integrations.GitHub;

namespace Fawkes.Portal.Tests.Integrations.GitHub;

public sealed class GitPathsTests
{
    [Theory]
    [InlineData("main", true)]
    [InlineData("feature/faster-refunds", true)]
    [InlineData("release-1.2", true)]
    [InlineData("", false)]
    [InlineData("feature//x", false)]
    [InlineData("a..b", false)]
    [InlineData("-x", false)]
    [InlineData("x.lock", false)]
    [InlineData("has space", false)]
    [InlineData("x~1", false)]
    [InlineData("/main", false)]
    [InlineData("main/", false)]
    [InlineData("feature/.hidden", false)]
    [InlineData("@", false)]
    [InlineData("a@{b", false)]
    public void IsValidBranch_follows_git_check_ref_format(string name, bool valid) => Assert.Equal(valid, GitPaths.IsValidBranch(name));

    [Theory]
    [InlineData("README.md", null)]
    [InlineData("src/app/main.py", null)]
    [InlineData(".github/workflows/ci.yaml", null)]
    [InlineData("", "the path is empty")]
    [InlineData("/etc/passwd", "the path is absolute; it must be relative to the workspace")]
    [InlineData("../outside", "the path contains '..'")]
    [InlineData("a/./b", "the path contains '.'")]
    [InlineData("a//b", "the path has an empty folder name ('//' or a trailing '/')")]
    [InlineData("a\\b", "use '/' between folders, not '\\'")]
    [InlineData(".git/config", "git refuses files inside a '.git' folder")]
    public void PathProblem_names_what_git_would_refuse(string path, string? problem) => Assert.Equal(problem, GitPaths.PathProblem(path));

    [Fact]
    public void Mode_marks_executables_100755_and_other_files_100644()
    {
        Assert.Equal("100755", GitPaths.Mode(executable: true));
        Assert.Equal("100644", GitPaths.Mode(executable: false));
    }
}
