using Fawkes.Portal.Features.Catalog;
using Fawkes.Portal.Features.Catalog.Ingestion;

namespace Fawkes.Portal.Tests.Features.Catalog;

/// <summary>The path rule every catalog file read goes through, on real folders and symlinks.</summary>
public sealed class FileRootsTests : IDisposable
{
    private readonly string _base = Directory.CreateTempSubdirectory("fawkes-roots-").FullName;
    private readonly string _root;
    private readonly string _outside;
    private readonly FileRoots _rule;

    public FileRootsTests()
    {
        _root = Directory.CreateDirectory(Path.Combine(_base, "root")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_base, "outside")).FullName;
        Directory.CreateDirectory(Path.Combine(_root, "teams"));
        File.WriteAllText(Path.Combine(_root, "teams", "a.yaml"), "a");
        File.WriteAllText(Path.Combine(_outside, "secret.yaml"), "s");
        _rule = new FileRoots([_root]);
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);

    [Fact]
    public void A_file_below_the_root_is_allowed_and_read_by_its_own_path()
    {
        var (real, refusal) = _rule.Check(Path.Combine(_root, "teams", "a.yaml"));

        Assert.Null(refusal);
        Assert.Equal(Path.Combine(_root, "teams", "a.yaml"), real);
    }

    [Theory]
    [InlineData("teams/../../outside/secret.yaml")]
    [InlineData("../outside/secret.yaml")]
    [InlineData("teams/../../root-sibling.yaml")]
    public void Dot_dot_out_of_the_root_is_refused_naming_the_path_and_the_rule(string relative)
    {
        var path = _root + "/" + relative;

        var refusal = _rule.Refusal(path);

        Assert.NotNull(refusal);
        Assert.Contains($"Location target {path}", refusal, StringComparison.Ordinal);
        Assert.Contains("outside Catalog:FileRoots", refusal, StringComparison.Ordinal);
        Assert.Contains(_root, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/etc/**/*.yaml")]
    [InlineData("/")]
    public void Absolute_paths_and_globs_outside_every_root_are_refused(string path) =>
        Assert.Contains("outside Catalog:FileRoots", _rule.Refusal(path), StringComparison.Ordinal);

    [Fact]
    public void The_root_itself_and_a_sibling_with_the_same_prefix_are_not_below_it()
    {
        Directory.CreateDirectory(_root + "-evil");

        Assert.NotNull(_rule.Refusal(_root));
        Assert.NotNull(_rule.Refusal(_root + "-evil/x.yaml"));
    }

    [Fact]
    public void A_glob_is_checked_by_the_folder_it_runs_from()
    {
        Assert.Null(_rule.Refusal(Path.Combine(_root, "**", "*.yaml")));
        Assert.NotNull(_rule.Refusal(_root + "/../**/*.yaml"));
        Assert.Equal(_root, FileRoots.FolderOf(_root + "/**/catalog-info.yaml"));
        Assert.Equal(Path.Combine(_root, "teams"), FileRoots.FolderOf(Path.Combine(_root, "teams", "a.yaml")));
    }

    [Fact]
    public void A_symlinked_file_pointing_out_of_the_root_is_refused_with_where_it_leads()
    {
        var link = Path.Combine(_root, "teams", "link.yaml");
        File.CreateSymbolicLink(link, Path.Combine(_outside, "secret.yaml"));

        var (real, refusal) = _rule.Check(link);

        Assert.Null(real);
        Assert.Contains($"Location target {link} resolves to {Path.Combine(_outside, "secret.yaml")}", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_symlinked_folder_in_the_middle_of_the_path_is_followed()
    {
        var linkedFolder = Path.Combine(_root, "shared");
        Directory.CreateSymbolicLink(linkedFolder, "../outside");

        Assert.Equal(Path.Combine(_outside, "secret.yaml"), FileRoots.RealPath(Path.Combine(linkedFolder, "secret.yaml")));
        Assert.NotNull(_rule.Refusal(Path.Combine(linkedFolder, "secret.yaml")));
        // '..' after a link applies to where the link leads, as the OS does.
        Assert.Equal(Path.Combine(_base, "x"), FileRoots.RealPath(Path.Combine(linkedFolder, "..", "x")));
    }

    [Fact]
    public void A_symlink_that_stays_inside_the_root_is_allowed_and_read_at_its_target()
    {
        var link = Path.Combine(_root, "alias.yaml");
        File.CreateSymbolicLink(link, "teams/a.yaml");

        Assert.Equal((Path.Combine(_root, "teams", "a.yaml"), (string?)null), _rule.Check(link));
    }

    [Fact]
    public void A_root_that_is_itself_a_symlink_is_compared_by_its_real_path()
    {
        var linkedRoot = Path.Combine(_base, "root-link");
        Directory.CreateSymbolicLink(linkedRoot, _root);

        Assert.Null(new FileRoots([linkedRoot]).Refusal(Path.Combine(_root, "teams", "a.yaml")));
    }

    [Fact]
    public void A_symlink_cycle_is_refused_not_followed_forever()
    {
        var a = Path.Combine(_root, "loop-a");
        File.CreateSymbolicLink(a, Path.Combine(_root, "loop-b"));
        File.CreateSymbolicLink(Path.Combine(_root, "loop-b"), a);

        Assert.Contains("cannot be resolved", _rule.Refusal(a), StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_locations_count_as_roots_for_their_own_folders()
    {
        var options = new CatalogOptions();
        options.Locations.Add(new ConfiguredLocation { Type = "file", Target = Path.Combine(_outside, "catalog-info.yaml") });
        options.Locations.Add(new ConfiguredLocation { Type = "file", Target = Path.Combine(_root, "teams", "**", "*.yaml") });
        options.Locations.Add(new ConfiguredLocation { Type = "url", Target = "https://example.com/x.yaml" });

        var rule = FileRoots.From(options, demoCatalogFolder: null);

        Assert.Equal([_outside, Path.Combine(_root, "teams")], rule.Roots);
        Assert.Null(rule.Refusal(Path.Combine(_outside, "secret.yaml")));
        Assert.NotNull(rule.Refusal(Path.Combine(_root, "other.yaml")));
    }

    [Fact]
    public void No_roots_refuses_everything_and_says_so() =>
        Assert.Contains("(none configured)", new FileRoots([]).Refusal(Path.Combine(_root, "teams", "a.yaml")), StringComparison.Ordinal);
}
