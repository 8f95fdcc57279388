using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fawkes.Portal.Simulators.GitHub;

/// <summary>One entry of a git tree: mode as GitHub shows it (<c>100644</c>, <c>100755</c>, <c>040000</c>), type and object id.</summary>
public sealed record SimTreeEntry(string Name, string Mode, string Type, string Sha);

public sealed record SimPerson(string Name, string Email, DateTimeOffset Date);

public abstract record SimGitObject(string Sha);

public sealed record SimBlob(string Sha, byte[] Content) : SimGitObject(Sha);

public sealed record SimTree(string Sha, IReadOnlyList<SimTreeEntry> Entries) : SimGitObject(Sha);

public sealed record SimCommit(string Sha, string Tree, IReadOnlyList<string> Parents, string Message, SimPerson Author, SimPerson Committer)
    : SimGitObject(Sha);

/// <summary>
/// A repository's object database, hashed exactly as git hashes objects (SHA-1 of <c>"type size\0body"</c>), so the ids the
/// simulator answers are the ids git would compute for the same content. Not thread-safe: the simulator holds its lock.
/// </summary>
public sealed class SimGitObjects
{
    public const string EmptyTreeSha = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    private readonly Dictionary<string, SimGitObject> _objects = new(StringComparer.Ordinal);

    public SimGitObject? Find(string sha) => _objects.GetValueOrDefault(sha.ToLowerInvariant());

    public T? Find<T>(string sha) where T : SimGitObject => Find(sha) as T;

    public SimBlob AddBlob(byte[] content)
    {
        var blob = new SimBlob(Hash("blob", content), content);
        _objects.TryAdd(blob.Sha, blob);
        return blob;
    }

    /// <summary>A tree from its entries, sorted as git sorts them (a subtree compares as <c>name/</c>).</summary>
    public SimTree AddTree(IEnumerable<SimTreeEntry> entries)
    {
        var sorted = entries.OrderBy(e => e.Type == "tree" ? e.Name + "/" : e.Name, StringComparer.Ordinal).ToList();
        using var body = new MemoryStream();
        foreach (var entry in sorted)
        {
            var mode = entry.Mode == "040000" ? "40000" : entry.Mode;
            body.Write(Encoding.UTF8.GetBytes($"{mode} {entry.Name}\0"));
            body.Write(Convert.FromHexString(entry.Sha));
        }
        var tree = new SimTree(Hash("tree", body.ToArray()), sorted);
        _objects.TryAdd(tree.Sha, tree);
        return tree;
    }

    public SimCommit AddCommit(string tree, IReadOnlyList<string> parents, string message, SimPerson author, SimPerson committer)
    {
        var text = new StringBuilder().Append("tree ").Append(tree).Append('\n');
        foreach (var parent in parents)
        {
            text.Append("parent ").Append(parent).Append('\n');
        }
        text.Append("author ").Append(Signature(author)).Append('\n').Append("committer ").Append(Signature(committer)).Append("\n\n").Append(message);
        var commit = new SimCommit(Hash("commit", Encoding.UTF8.GetBytes(text.ToString())), tree, parents, message, author, committer);
        _objects.TryAdd(commit.Sha, commit);
        return commit;
    }

    /// <summary>Every file below a tree as <c>path → (mode, blob sha)</c>; subtrees are walked, not listed.</summary>
    public Dictionary<string, (string Mode, string Sha)> Flatten(string treeSha, string prefix = "")
    {
        var files = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var entry in Find<SimTree>(treeSha)?.Entries ?? [])
        {
            if (entry.Type == "tree")
            {
                foreach (var (path, file) in Flatten(entry.Sha, prefix + entry.Name + "/"))
                {
                    files[path] = file;
                }
            }
            else
            {
                files[prefix + entry.Name] = (entry.Mode, entry.Sha);
            }
        }
        return files;
    }

    /// <summary>Nested trees for a flat <c>path → (mode, sha)</c> map; returns the root tree. Empty folders vanish, as in git.</summary>
    public SimTree BuildTree(IReadOnlyDictionary<string, (string Mode, string Sha)> files)
    {
        var entries = new List<SimTreeEntry>();
        foreach (var group in files.GroupBy(f => f.Key.Split('/', 2)[0], StringComparer.Ordinal))
        {
            var nested = group.Where(f => f.Key.Contains('/', StringComparison.Ordinal))
                .ToDictionary(f => f.Key.Split('/', 2)[1], f => f.Value, StringComparer.Ordinal);
            if (nested.Count > 0)
            {
                entries.Add(new SimTreeEntry(group.Key, "040000", "tree", BuildTree(nested).Sha));
            }
            foreach (var file in group.Where(f => !f.Key.Contains('/', StringComparison.Ordinal)))
            {
                entries.Add(new SimTreeEntry(group.Key, file.Value.Mode, file.Value.Mode == "160000" ? "commit" : "blob", file.Value.Sha));
            }
        }
        return AddTree(entries);
    }

    private static string Signature(SimPerson person) =>
        string.Create(CultureInfo.InvariantCulture, $"{person.Name} <{person.Email}> {person.Date.ToUnixTimeSeconds()} +0000");

    private static string Hash(string type, byte[] body)
    {
        var header = Encoding.ASCII.GetBytes($"{type} {body.Length}\0");
#pragma warning disable CA5350 // Git object ids are SHA-1 by definition; this is an identifier, not a security control.
        return Convert.ToHexString(SHA1.HashData([.. header, .. body])).ToLowerInvariant();
#pragma warning restore CA5350
    }
}
