namespace Fawkes.Portal.Features.Templates.Forms.Schema;

/// <summary>RepoUrlPicker's value: <c>github.com?owner=o&amp;repo=r</c>, the form Backstage's <c>parseRepoUrl</c> reads.</summary>
public sealed record RepoUrl(string Host, string? Owner, string? Repo)
{
    public override string ToString()
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(Owner))
        {
            query.Add("owner=" + Uri.EscapeDataString(Owner));
        }
        if (!string.IsNullOrEmpty(Repo))
        {
            query.Add("repo=" + Uri.EscapeDataString(Repo));
        }
        return query.Count == 0 ? Host : $"{Host}?{string.Join('&', query)}";
    }

    public static RepoUrl? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var q = value.IndexOf('?', StringComparison.Ordinal);
        var host = q < 0 ? value : value[..q];
        string? owner = null, repo = null;
        foreach (var pair in (q < 0 ? "" : value[(q + 1)..]).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? pair : pair[..eq];
            var text = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            owner = key == "owner" ? text : owner;
            repo = key == "repo" ? text : repo;
        }
        return new RepoUrl(host, owner, repo);
    }
}
