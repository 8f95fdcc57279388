using System.Text.RegularExpressions;

namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>A regular expression literal (<c>r/ab+c/gi</c>), usable with replace.</summary>
internal sealed record JsRegex(string Pattern, string Flags)
{
    public Regex ToRegex() => new(Pattern,
        (Flags.Contains('i') ? RegexOptions.IgnoreCase : RegexOptions.None) | (Flags.Contains('m') ? RegexOptions.Multiline : RegexOptions.None) | RegexOptions.ECMAScript,
        TimeSpan.FromSeconds(1));

    public bool Global => Flags.Contains('g');
}

/// <summary>
/// Properties and methods nunjucks reaches through member lookup on JavaScript values (it calls them bound), e.g.
/// <c>name.length</c>, <c>name.toUpperCase()</c>, <c>list.join("-")</c>. Unknown names are undefined, as in JavaScript.
/// </summary>
internal static class JsMethods
{
    public static object? Lookup(object? target, string name) => (target, name) switch
    {
        (string s, "length") => (double)s.Length,
        (JsArray a, "length") => (double)a.Count,
        (string s, _) => StringMethod(s, name),
        (JsArray a, _) => ArrayMethod(a, name),
        _ => Js.Undefined,
    };

    private static object? StringMethod(string s, string name) => name switch
    {
        "toUpperCase" => Fn(name, _ => s.ToUpperInvariant()),
        "toLowerCase" => Fn(name, _ => s.ToLowerInvariant()),
        "trim" => Fn(name, _ => s.Trim()),
        "trimStart" => Fn(name, _ => s.TrimStart()),
        "trimEnd" => Fn(name, _ => s.TrimEnd()),
        "startsWith" => Fn(name, a => s.StartsWith(Js.ToStr(Arg(a, 0)), StringComparison.Ordinal)),
        "endsWith" => Fn(name, a => s.EndsWith(Js.ToStr(Arg(a, 0)), StringComparison.Ordinal)),
        "includes" => Fn(name, a => s.Contains(Js.ToStr(Arg(a, 0)), StringComparison.Ordinal)),
        "indexOf" => Fn(name, a => (double)s.IndexOf(Js.ToStr(Arg(a, 0)), StringComparison.Ordinal)),
        "charAt" => Fn(name, a => Index(a, 0, 0) is var i && i >= 0 && i < s.Length ? s[i].ToString() : ""),
        "split" => Fn(name, a => Split(s, Arg(a, 0))),
        "replace" => Fn(name, a => Filters.ReplaceFirst(s, Arg(a, 0), Js.ToStr(Arg(a, 1)))),
        "slice" => Fn(name, a => Slice(s.Length, a) is var (from, to) ? s[from..to] : ""),
        "substring" => Fn(name, a => Substring(s, a)),
        "repeat" => Fn(name, a => string.Concat(Enumerable.Repeat(s, Index(a, 0, 0)))),
        "padStart" => Fn(name, a => s.PadLeft(Index(a, 0, 0), Js.IsNullish(Arg(a, 1)) ? ' ' : Js.ToStr(Arg(a, 1))[0])),
        "padEnd" => Fn(name, a => s.PadRight(Index(a, 0, 0), Js.IsNullish(Arg(a, 1)) ? ' ' : Js.ToStr(Arg(a, 1))[0])),
        "concat" => Fn(name, a => s + string.Concat(a.Select(Js.ToStr))),
        "toString" => Fn(name, _ => s),
        _ => Js.Undefined,
    };

    private static object? ArrayMethod(JsArray list, string name) => name switch
    {
        "join" => Fn(name, a => string.Join(Js.IsNullish(Arg(a, 0)) ? "," : Js.ToStr(Arg(a, 0)), list.Select(x => Js.IsNullish(x) ? "" : Js.ToStr(x)))),
        "includes" => Fn(name, a => list.Any(x => JsOperators.StrictEquals(x, Arg(a, 0)) || (x is double d && double.IsNaN(d) && Arg(a, 0) is double e && double.IsNaN(e)))),
        "indexOf" => Fn(name, a => (double)list.FindIndex(x => JsOperators.StrictEquals(x, Arg(a, 0)))),
        "slice" => Fn(name, a => Slice(list.Count, a) is var (from, to) ? new JsArray(list.GetRange(from, to - from)) : new JsArray()),
        "concat" => Fn(name, a => new JsArray(list.Concat(a.SelectMany(x => x is JsArray inner ? inner : [x])))),
        "toString" => Fn(name, _ => Js.ToStr(list)),
        _ => Js.Undefined,
    };

    private static JsFunction Fn(string name, Func<IReadOnlyList<object?>, object?> body) => new(name, body);

    private static object? Arg(IReadOnlyList<object?> a, int i) => i < a.Count ? a[i] : Js.Undefined;

    private static int Index(IReadOnlyList<object?> a, int i, int fallback)
    {
        var n = Js.ToNumber(Arg(a, i));
        return double.IsNaN(n) ? fallback : (int)Math.Clamp(Math.Truncate(n), int.MinValue, int.MaxValue);
    }

    private static (int From, int To) Slice(int length, IReadOnlyList<object?> a)
    {
        int Resolve(int v) => v < 0 ? Math.Max(length + v, 0) : Math.Min(v, length);
        var from = Resolve(Index(a, 0, 0));
        var to = Js.IsNullish(Arg(a, 1)) ? length : Resolve(Index(a, 1, length));
        return (from, Math.Max(from, to));
    }

    private static string Substring(string s, IReadOnlyList<object?> a)
    {
        var from = Math.Clamp(Index(a, 0, 0), 0, s.Length);
        var to = a.Count > 1 && Arg(a, 1) is not JsUndefined ? Math.Clamp(Index(a, 1, 0), 0, s.Length) : s.Length;
        return from <= to ? s[from..to] : s[to..from];
    }

    private static JsArray Split(string s, object? separator) => separator switch
    {
        JsUndefined => [s],
        JsRegex r => new JsArray(r.ToRegex().Split(s).Select(x => (object?)x)),
        _ when Js.ToStr(separator).Length == 0 => new JsArray(s.Select(c => (object?)c.ToString())),
        _ => new JsArray(s.Split(Js.ToStr(separator)).Select(x => (object?)x)),
    };
}
