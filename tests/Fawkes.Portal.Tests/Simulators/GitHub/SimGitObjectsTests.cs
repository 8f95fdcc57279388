using System.Text;
using Fawkes.Portal.Simulators.GitHub;

namespace Fawkes.Portal.Tests.Simulators.GitHub;

/// <summary>The simulator's object ids are git's: each expected id below was computed by git 2.39 for the same content.</summary>
public sealed class SimGitObjectsTests
{
    private readonly SimGitObjects _objects = new();

    [Theory]
    [InlineData("hello\n", "ce013625030ba8dba906f756967f9e9ca394464a")]
    [InlineData("#!/bin/sh\necho hi\n", "4163036efa65bd4a469e752267498f01ea36a55c")]
    [InlineData("", "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")]
    public void AddBlob_hashes_as_git_hash_object(string content, string expected) =>
        Assert.Equal(expected, _objects.AddBlob(Encoding.UTF8.GetBytes(content)).Sha);

    [Fact]
    public void BuildTree_of_no_files_is_git_s_empty_tree() =>
        Assert.Equal(SimGitObjects.EmptyTreeSha, _objects.BuildTree(new Dictionary<string, (string, string)>()).Sha);

    [Fact]
    public void BuildTree_nests_folders_and_keeps_modes_as_git_write_tree_does()
    {
        var root = Tree();

        Assert.Equal("3f25f9180e9801877928ce0159030027d8bfa979", root.Sha);
        Assert.Equal(["a.txt", "run.sh", "src"], root.Entries.Select(e => e.Name));
        Assert.Equal(("040000", "tree", "9bef0a16b5e3cd2df159edcf00aa28c05576d892"), (root.Entries[2].Mode, root.Entries[2].Type, root.Entries[2].Sha));
    }

    [Fact]
    public void AddCommit_hashes_as_git_commit_tree()
    {
        var ada = new SimPerson("Ada", "ada@example.com", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

        var commit = _objects.AddCommit(Tree().Sha, [], "First\n", ada, ada);

        Assert.Equal("8b356c558ed550fc94316a6b3a0e24a38dbbf37c", commit.Sha);
    }

    [Fact]
    public void Flatten_walks_subtrees_back_to_paths()
    {
        var files = _objects.Flatten(Tree().Sha);

        Assert.Equal(["a.txt", "run.sh", "src/app/main.py"], files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("100755", files["run.sh"].Mode);
    }

    private SimTree Tree() => _objects.BuildTree(new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["a.txt"] = ("100644", _objects.AddBlob("hello\n"u8.ToArray()).Sha),
        ["run.sh"] = ("100755", _objects.AddBlob("#!/bin/sh\necho hi\n"u8.ToArray()).Sha),
        ["src/app/main.py"] = ("100644", _objects.AddBlob("print(1)\n"u8.ToArray()).Sha),
    });
}
