using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Fawkes.Portal.Features.Templates.Workspace;

/// <summary>
/// Glob patterns as Backstage's fetch actions use them (globby with <c>dot: true</c>): <c>**</c> crosses folders,
/// <c>*</c> and <c>?</c> stay within one, <c>{a,b}</c> alternates, <c>[abc]</c> is a class. Directories are matched with
/// their trailing slash (globby's <c>markDirectories</c>), so <c>static/**</c> takes everything under <c>static/</c>.
/// </summary>
public static partial class GlobPattern
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    public static bool IsMatch(string pattern, string path) => Cache.GetOrAdd(pattern, Build).IsMatch(path);

    public static bool AnyMatch(IEnumerable<string>? patterns, string path) => patterns?.Any(p => IsMatch(p, path)) == true;

    private static Regex Build(string pattern)
    {
        pattern = pattern.StartsWith("./", StringComparison.Ordinal) ? pattern[2..] : pattern;
        var regex = new StringBuilder("^");
        var braces = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                    regex.Append(slash ? "(?:.*/)?" : ".*");
                    i += slash ? 2 : 1;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '{':
                    braces++;
                    regex.Append("(?:");
                    break;
                case '}' when braces > 0:
                    braces--;
                    regex.Append(')');
                    break;
                case ',' when braces > 0:
                    regex.Append('|');
                    break;
                case '[':
                    var end = pattern.IndexOf(']', i + 1);
                    if (end < 0)
                    {
                        regex.Append(@"\[");
                        break;
                    }
                    var body = pattern[(i + 1)..end];
                    regex.Append('[').Append(body.StartsWith('!') ? "^" + Regex.Escape(body[1..]) : Regex.Escape(body)).Append(']');
                    i = end;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        // A pattern naming a directory also matches it marked with its slash.
        regex.Append("/?$");
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
