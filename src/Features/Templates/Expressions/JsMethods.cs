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
/// Properties and the methods nunjitsu approves on closed values (its runtime intrinsics), e.g. <c>name.length</c>,
/// <c>name.toUpperCase()</c>, <c>list.join("-")</c>, <c>port.toFixed(2)</c>, <c>r/x/.test(s)</c>. Any other name is
/// undefined, so calling it fails ("resolved to undefined and cannot be called"): nunjitsu has no <c>repeat</c>,
/// <c>padStart</c>, <c>match</c>, <c>replaceAll</c> or <c>toString</c> on strings. Methods that mutate (push, pop...) are left
/// out, so calling one fails instead of silently differing. A wrong argument count fails as in nunjitsu.
/// </summary>
internal static class JsMethods
{
    public static object? Lookup(object? target, string name) => (target, name) switch
    {
        (string s, "length") => (double)s.Length,
        (JsArray a, "length") => (double)a.Count,
        (string s, _) => StringMethod(s, name),
        (double d, _) => NumberMethod(d, name),
        (JsArray a, _) => ArrayMethod(a, name),
        (JsRegex r, "test") => Fn(name, 1, 1, a => r.ToRegex().IsMatch(Js.ToStr(Arg(a, 0)))),
        _ => Js.Undefined,
    };

    private static object? StringMethod(string s, string name) => name switch
    {
        "toUpperCase" => Fn(name, 0, 0, _ => s.ToUpperInvariant()),
        "toLowerCase" => Fn(name, 0, 0, _ => s.ToLowerInvariant()),
        "trim" => Fn(name, 0, 0, _ => s.Trim()),
        "trimStart" => Fn(name, 0, 0, _ => s.TrimStart()),
        "trimEnd" => Fn(name, 0, 0, _ => s.TrimEnd()),
        "startsWith" => Fn(name, 1, 2, a => s[Math.Clamp(Index(a, 1, 0), 0, s.Length)..].StartsWith(Js.ToStr(Arg(a, 0)), StringComparison.Ordinal)),
        "endsWith" => Fn(name, 1, 2, a => s[..Math.Clamp(Index(a, 1, s.Length), 0, s.Length)].EndsWith(Js.ToStr(Arg(a, 0)), StringComparison.Ordinal)),
        "includes" => Fn(name, 1, 2, a => s.IndexOf(Js.ToStr(Arg(a, 0)), Math.Clamp(Index(a, 1, 0), 0, s.Length), StringComparison.Ordinal) >= 0),
        "indexOf" => Fn(name, 1, 2, a => (double)s.IndexOf(Js.ToStr(Arg(a, 0)), Math.Clamp(Index(a, 1, 0), 0, s.Length), StringComparison.Ordinal)),
        "lastIndexOf" => Fn(name, 1, 2, a => (double)LastIndexOf(s, Js.ToStr(Arg(a, 0)), Math.Clamp(Index(a, 1, s.Length), 0, s.Length))),
        "charAt" => Fn(name, 0, 1, a => Index(a, 0, 0) is var i && i >= 0 && i < s.Length ? s[i].ToString() : ""),
        "charCodeAt" => Fn(name, 0, 1, a => Index(a, 0, 0) is var i && i >= 0 && i < s.Length ? (double)s[i] : double.NaN),
        "split" => Fn(name, 0, 2, a => Split(s, Arg(a, 0), Arg(a, 1))),
        "replace" => Fn(name, 2, 2, a => Filters.ReplaceFirst(s, Arg(a, 0), Js.ToStr(Arg(a, 1)))),
        "slice" => Fn(name, 0, 2, a => Slice(s.Length, a) is var (from, to) ? s[from..to] : ""),
        "substring" => Fn(name, 0, 2, a => Substring(s, a)),
        "concat" => Fn(name, 0, int.MaxValue, a => s + string.Concat(a.Select(Js.ToStr))),
        _ => Js.Undefined,
    };

    private static object? NumberMethod(double d, string name) => name switch
    {
        "toFixed" => Fn(name, 0, 1, a => d.ToString("F" + Math.Clamp(Index(a, 0, 0), 0, 100), System.Globalization.CultureInfo.InvariantCulture)),
        "toPrecision" => Fn(name, 0, 1, a => Arg(a, 0) is JsUndefined ? Js.NumberToString(d) : ToPrecision(d, Index(a, 0, 1))),
        "toExponential" => Fn(name, 0, 1, a => d.ToString(Arg(a, 0) is JsUndefined ? "0.################e+0" : "0." + new string('0', Math.Max(Index(a, 0, 0), 0)) + "e+0", System.Globalization.CultureInfo.InvariantCulture)),
        "toString" => Fn(name, 0, 1, a => Arg(a, 0) is JsUndefined || Index(a, 0, 10) == 10 ? Js.NumberToString(d) : ToRadix(d, Index(a, 0, 10))),
        _ => Js.Undefined,
    };

    private static object? ArrayMethod(JsArray list, string name) => name switch
    {
        "join" => Fn(name, 0, 1, a => string.Join(Js.IsNullish(Arg(a, 0)) ? "," : Js.ToStr(Arg(a, 0)), list.Select(x => Js.IsNullish(x) ? "" : Js.ToStr(x)))),
        "includes" => Fn(name, 1, 2, a => list.Any(x => JsOperators.StrictEquals(x, Arg(a, 0)) || (x is double d && double.IsNaN(d) && Arg(a, 0) is double e && double.IsNaN(e)))),
        "indexOf" => Fn(name, 1, 2, a => (double)list.FindIndex(x => JsOperators.StrictEquals(x, Arg(a, 0)))),
        "lastIndexOf" => Fn(name, 1, 2, a => (double)list.FindLastIndex(x => JsOperators.StrictEquals(x, Arg(a, 0)))),
        "at" => Fn(name, 1, 1, a => Index(a, 0, 0) is var i && (i < 0 ? i + list.Count : i) is var j && j >= 0 && j < list.Count ? list[j] : Js.Undefined),
        "flat" => Fn(name, 0, 1, a => new JsArray(list.SelectMany(x => x is JsArray inner ? inner : [x]))),
        "slice" => Fn(name, 0, 2, a => Slice(list.Count, a) is var (from, to) ? new JsArray(list.GetRange(from, to - from)) : new JsArray()),
        "concat" => Fn(name, 0, int.MaxValue, a => new JsArray(list.Concat(a.SelectMany(x => x is JsArray inner ? inner : [x])))),
        _ => Js.Undefined,
    };

    private static JsFunction Fn(string name, int min, int max, Func<IReadOnlyList<object?>, object?> body) => new(name, a =>
        a.Count < min || a.Count > max
            ? throw new JsError($"Template intrinsic {name} requires {(min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}")} positional arguments")
            : body(a));

    private static int LastIndexOf(string s, string value, int from) =>
        value.Length == 0 ? Math.Min(from, s.Length) : s.LastIndexOf(value, Math.Min(from + value.Length - 1, s.Length - 1), StringComparison.Ordinal);

    private static string ToPrecision(double d, int digits)
    {
        if (d == 0 || double.IsNaN(d) || double.IsInfinity(d)) return Js.NumberToString(d);
        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(d)));
        if (exponent < -6 || exponent >= digits)
            return d.ToString("0." + new string('0', Math.Max(digits - 1, 0)) + "e+0", System.Globalization.CultureInfo.InvariantCulture);
        return d.ToString("F" + Math.Max(digits - 1 - exponent, 0), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string ToRadix(double d, int radix)
    {
        if (radix is < 2 or > 36) throw new JsError("toString() radix must be between 2 and 36");
        if (d != Math.Floor(d) || double.IsInfinity(d) || double.IsNaN(d)) return Js.NumberToString(d);
        var n = (long)Math.Abs(d);
        var digits = new System.Text.StringBuilder();
        do { digits.Insert(0, "0123456789abcdefghijklmnopqrstuvwxyz"[(int)(n % radix)]); n /= radix; } while (n > 0);
        return (d < 0 ? "-" : "") + digits;
    }

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

    private static JsArray Split(string s, object? separator, object? limit)
    {
        var parts = separator switch
        {
            JsUndefined => [s],
            JsRegex r => r.ToRegex().Split(s),
            _ when Js.ToStr(separator).Length == 0 => s.Select(c => c.ToString()).ToArray(),
            _ => s.Split(Js.ToStr(separator)),
        };
        var max = limit is JsUndefined ? int.MaxValue : (int)Math.Min((uint)(long)Js.ToNumber(limit), int.MaxValue);
        return new JsArray(parts.Take(max).Select(x => (object?)x));
    }
}
