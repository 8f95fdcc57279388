using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fawkes.Portal.Features.Templates.Forms.Schema;

/// <summary>
/// The checks Backstage's field extensions add in the browser on top of the JSON Schema (its <c>validation</c>
/// functions): entity names, tags and repository locations. Pure; the wizard runs them with the schema validation.
/// </summary>
public static partial class FieldExtensionRules
{
    public const string NameMessage = "Must start and end with an alphanumeric character, and contain only alphanumeric characters, "
        + "hyphens, underscores, and periods. Maximum length is 63 characters.";

    public static string? Check(string field, JsonObject options, JsonNode? value) => field switch
    {
        FieldExtensions.EntityNamePicker => Ui.Text(value) is { Length: > 0 } name && !IsValidName(name) ? NameMessage : null,
        FieldExtensions.EntityTagsPicker => Ui.Strings(value).FirstOrDefault(t => !IsValidTag(t)) is { } tag
            ? $"'{tag}' is not a valid tag: use lowercase letters, digits, '+' and '#', words joined by '-', at most 63 characters." : null,
        FieldExtensions.RepoUrlPicker => CheckRepo(options, Ui.Text(value)),
        _ => null,
    };

    public static bool IsValidName(string name) => name.Length <= 63 && NamePattern().IsMatch(name);

    public static bool IsValidTag(string tag) => tag.Length is >= 1 and <= 63 && TagPattern().IsMatch(tag);

    private static string? CheckRepo(JsonObject options, string? value)
    {
        if (RepoUrl.Parse(value) is not { } repo)
        {
            return null;
        }
        if (string.IsNullOrEmpty(repo.Owner) || string.IsNullOrEmpty(repo.Repo))
        {
            return "Incomplete repository location provided: enter both the owner and the repository name.";
        }
        return NotAllowed("host", repo.Host, Ui.Strings(options["allowedHosts"]))
            ?? NotAllowed("owner", repo.Owner, Ui.Strings(options["allowedOwners"]))
            ?? NotAllowed("repository", repo.Repo, Ui.Strings(options["allowedRepos"]));
    }

    private static string? NotAllowed(string what, string value, IReadOnlyList<string> allowed) =>
        allowed.Count > 0 && !allowed.Contains(value, StringComparer.Ordinal)
            ? $"The {what} '{value}' is not allowed here; choose one of: {string.Join(", ", allowed)}." : null;

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-z0-9+#]+(-[a-z0-9+#]+)*$")]
    private static partial Regex TagPattern();
}
