using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Runner;
using Fawkes.Portal.Features.Templates.Workspace;

namespace Fawkes.Portal.Tests.Features.Templates;

public sealed class WorkspaceTests
{
    [Theory]
    [InlineData("", "a/b", "a/b")]
    [InlineData("", "./a/./b/../c", "a/c")]
    [InlineData("out", "x.txt", "out/x.txt")]
    [InlineData("", "./", "")]
    public void Resolve_normalises_paths_inside_the_base(string basePath, string relative, string expected) =>
        Assert.Equal(expected, WorkspacePath.Resolve(basePath, relative));

    [Theory]
    [InlineData("", "../x")]
    [InlineData("", "/etc/passwd")]
    [InlineData("out", "../x")]
    [InlineData("", "a/../../x")]
    [InlineData("", "C:\\x")]
    public void Resolve_refuses_paths_that_leave_the_base(string basePath, string relative) =>
        Assert.Throws<PathEscapeException>(() => WorkspacePath.Resolve(basePath, relative));

    [Fact]
    public void Write_past_the_file_count_limit_names_the_setting()
    {
        var workspace = new ScaffolderWorkspace(new WorkspaceLimits { MaxFiles = 2 });
        workspace.Write("a", new WorkspaceFile([1]));
        workspace.Write("b", new WorkspaceFile([1]));
        var error = Assert.Throws<WorkspaceLimitException>(() => workspace.Write("c", new WorkspaceFile([1])));
        Assert.Contains("Templates:Limits:MaxFiles", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Move_and_delete_work_on_whole_folders()
    {
        var workspace = new ScaffolderWorkspace(new WorkspaceLimits());
        workspace.Write("src/a.txt", new WorkspaceFile(Encoding.UTF8.GetBytes("a")));
        workspace.Write("src/sub/b.txt", new WorkspaceFile(Encoding.UTF8.GetBytes("b"), Executable: true));
        workspace.Move("src", "app", overwrite: false);
        Assert.Equal(["app/a.txt", "app/sub/b.txt"], workspace.Paths);
        Assert.True(workspace.Read("app/sub/b.txt")!.Executable);
        Assert.True(workspace.Delete("app/sub"));
        Assert.Equal(["app/a.txt"], workspace.Paths);
    }

    [Theory]
    [InlineData("static/**", "static/logo.png", true)]
    [InlineData("static/**", "static/", true)]
    [InlineData("static/**", "other/logo.png", false)]
    [InlineData("*.png", "logo.png", true)]
    [InlineData("*.png", "img/logo.png", false)]
    [InlineData("**/*.png", "img/deep/logo.png", true)]
    [InlineData("**/*.png", "logo.png", true)]
    [InlineData("{a,b}.txt", "b.txt", true)]
    [InlineData(".github/**", ".github/workflows/ci.yaml", true)]
    public void Glob_patterns_match_as_globby_does(string pattern, string path, bool expected) =>
        Assert.Equal(expected, GlobPattern.IsMatch(pattern, path));

    [Fact]
    public void Example_output_follows_the_output_schema()
    {
        var schema = (JsonObject)JsonNode.Parse("""
            {"type":"object","properties":{"remoteUrl":{"type":"string"},"n":{"type":"number"},"ok":{"type":"boolean"},
             "list":{"type":"array","items":{"type":"string"}},"given":{"type":"string","examples":["x"]},"other":{}}}
            """)!;
        Assert.Equal("""{"remoteUrl":"<example>","n":0,"ok":false,"list":["<example>"],"given":"x","other":"<unknown>"}""",
            ExampleOutput.From(schema)!.ToJsonString());
    }

    [Theory]
    [InlineData("[]", false)]
    [InlineData("[0]", true)]
    [InlineData("{}", true)]
    [InlineData("\"\"", false)]
    [InlineData("0", false)]
    [InlineData("\"false\"", true)]
    [InlineData("null", false)]
    public void Truthiness_is_Backstages(string json, bool expected) => Assert.Equal(expected, JsTruth.IsTruthy(JsonNode.Parse(json)));
}
