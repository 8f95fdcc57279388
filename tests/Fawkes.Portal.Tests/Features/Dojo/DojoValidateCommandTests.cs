using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Validation;
using Fawkes.Portal.Testing;
using Xunit.Abstractions;

namespace Fawkes.Portal.Tests.Features.Dojo;

public sealed class DojoValidateCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly DojoTestContent _content = new();

    private (int Exit, string Out, string Error) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = DojoValidateCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Validate_ValidFolder_ExitsZero()
    {
        var (exit, text, _) = Run("validate", _content.Root);

        Assert.Equal(0, exit);
        Assert.Contains("valid (2 belts, 3 modules, 30 quiz questions)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BrokenFolder_PrintsFileLineMessageAndExitsOne()
    {
        _content.Replace("white/02-dora-basics.md", "order: 2", "order: 9");

        var (exit, _, error) = Run("validate", _content.Root);

        Assert.Equal(1, exit);
        Assert.Equal($"{_content.Root}/white/02-dora-basics.md:4: order must be 1..4, not 9", error.Trim());
    }

    [Fact]
    public void Validate_WithoutVerb_PrintsUsage() => Assert.Equal(2, Run("check").Exit);

    /// <summary>The repository's own curriculum. Until the writers' modules land the folder has none, and there is nothing to check.</summary>
    [Fact]
    public void Validate_RepositoryContent_IsValid()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Fawkes.Portal.csproj")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        }
        var folder = Path.Combine(root, "content", "dojo");
        if (!CurriculumLoader.HasModules(folder))
        {
            output.WriteLine($"{folder} has no modules yet: nothing to validate.");
            return;
        }

        var (exit, text, error) = Run("validate", folder);

        Assert.True(exit == 0, error);
        output.WriteLine(text);
    }

    public void Dispose() => _content.Dispose();
}
