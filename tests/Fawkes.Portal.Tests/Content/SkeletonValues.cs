using System.Text.RegularExpressions;

namespace Fawkes.Portal.Tests.Content;

/// <summary>
/// Which <c>values.x</c> names a skeleton uses (in file contents and in file and folder names), and which of them its
/// fetch:template step does not pass. A regex scan, deliberately wider than Nunjucks: it also finds names inside
/// <c>{% if %}</c> tags and <c>default()</c> filters, where Backstage would not fail, because a golden path passes everything.
/// </summary>
internal static partial class SkeletonValues
{
    /// <summary>Every name used, with the first file (relative path) that uses it.</summary>
    public static IReadOnlyDictionary<string, string> Used(IEnumerable<(string RelativePath, string Text)> files)
    {
        var used = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, text) in files)
        {
            foreach (Match m in ValueName().Matches(path + "\n" + text))
            {
                used.TryAdd(m.Groups["dot"].Success ? m.Groups["dot"].Value : m.Groups["index"].Value, path);
            }
        }
        return used;
    }

    /// <summary>"name (first used in file)" for each used name that <paramref name="passed"/> lacks.</summary>
    public static IReadOnlyList<string> NotPassed(IEnumerable<(string RelativePath, string Text)> files, IEnumerable<string> passed)
    {
        var given = passed.ToHashSet(StringComparer.Ordinal);
        return [.. Used(files).Where(u => !given.Contains(u.Key)).Select(u => $"values.{u.Key} (first used in {u.Value})")];
    }

    [GeneratedRegex("""\bvalues(?:\.(?<dot>[A-Za-z_$][\w$]*)|\[\s*["'](?<index>[^"']+)["']\s*\])""")]
    private static partial Regex ValueName();
}
