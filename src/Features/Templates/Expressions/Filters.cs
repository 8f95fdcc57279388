using System.Globalization;
using System.Text.RegularExpressions;

namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>
/// nunjucks 3.2.4's built-in filters (filters.js), with its JavaScript behaviour on odd input: where nunjucks throws a
/// TypeError (e.g. <c>undefined | trim</c>) these throw too, so a template that fails in Backstage fails here.
/// </summary>
internal static partial class Filters
{
    public static Dictionary<string, FilterFunction> Create()
    {
        var filters = new Dictionary<string, FilterFunction>(StringComparer.Ordinal)
        {
            ["abs"] = c => Math.Abs(Js.ToNumber(c.Input)),
            ["capitalize"] = c => Capitalize(c.Input),
            ["center"] = c => Center(c),
            ["default"] = Default,
            ["d"] = Default,
            ["dump"] = c => (object?)JsJson.Stringify(c.Input, c.Arg(0)) ?? Js.Undefined,
            ["escape"] = c => Escape(Js.IsNullish(c.Input) ? "" : Js.ToStr(c.Input)),
            ["e"] = c => Escape(Js.IsNullish(c.Input) ? "" : Js.ToStr(c.Input)),
            ["forceescape"] = c => Escape(Js.IsNullish(c.Input) ? "" : Js.ToStr(c.Input)),
            ["safe"] = c => Js.IsNullish(c.Input) ? "" : Js.ToStr(c.Input),
            ["float"] = c => ParseFloat(Js.ToStr(c.Input)) is var f && double.IsNaN(f) ? c.Arg(0) : f,
            ["int"] = Int,
            ["indent"] = Indent,
            ["lower"] = c => Str(Normalize(c.Input, ""), "toLowerCase").ToLowerInvariant(),
            ["upper"] = c => Str(Normalize(c.Input, ""), "toUpperCase").ToUpperInvariant(),
            ["nl2br"] = c => Js.IsNullish(c.Input) ? "" : NewLine().Replace(Str(c.Input, "replace"), "<br />\n"),
            ["replace"] = Replace,
            ["round"] = Round,
            ["string"] = c => Js.IsNullish(c.Input) ? throw ReadError(c.Input, "toString") : Js.ToStr(c.Input),
            ["striptags"] = Striptags,
            ["title"] = c => string.Join(' ', Str(Normalize(c.Input, ""), "split").Split(' ').Select(w => Capitalize(w))),
            ["trim"] = c => JsTrim(Str(c.Input, "replace")),
            ["truncate"] = Truncate,
            ["urlencode"] = Urlencode,
            ["wordcount"] = c => Js.ToStr(Normalize(c.Input, "")) is var s && s.Length > 0 && Word().Matches(s).Count is var n && n > 0 ? (double)n : null,
        };
        AddListFilters(filters);
        return filters;
    }

    /// <summary>nunjucks' normalize: null, undefined and false become the default.</summary>
    internal static object? Normalize(object? value, object? fallback) => value is null or JsUndefined or false ? fallback : value;

    /// <summary>The string a JavaScript string method is called on, or the TypeError JavaScript raises.</summary>
    internal static string Str(object? value, string method) => value switch
    {
        string s => s,
        null or JsUndefined => throw ReadError(value, method),
        _ => throw new JsError($"str.{method} is not a function"),
    };

    internal static JsError ReadError(object? value, string property) =>
        new($"Cannot read properties of {Js.ToStr(value)} (reading '{property}')");

    private static string Capitalize(object? input)
    {
        var s = Str(Normalize(input, ""), "toLowerCase").ToLowerInvariant();
        return s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
    }

    private static object? Center(FilterCall c)
    {
        var s = Str(Normalize(c.Input, ""), "length");
        var width = Js.Truthy(c.Arg(0)) ? (int)Js.ToNumber(c.Arg(0)) : 80;
        if (s.Length >= width) return s;
        var spaces = width - s.Length;
        // lib.repeat(' ', n) loops while i < n, so a fractional count rounds up.
        var pre = new string(' ', Math.Max(0, (int)Math.Ceiling(spaces / 2.0 - spaces % 2)));
        var post = new string(' ', (int)Math.Ceiling(spaces / 2.0));
        return pre + s + post;
    }

    private static object? Default(FilterCall c)
    {
        if (Js.Truthy(c.Arg(1))) return Js.Truthy(c.Input) ? c.Input : c.Arg(0);
        return c.Input is not JsUndefined ? c.Input : c.Arg(0);
    }

    internal static string Escape(string s) =>
        s.Replace("&", "&amp;").Replace("\"", "&quot;").Replace("'", "&#39;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static object? Int(FilterCall c)
    {
        var value = c.Arg(-1, "value") is JsUndefined ? c.Input : c.Arg(-1, "value");
        var radix = c.Arg(1, "base") is JsUndefined ? 10 : (int)Js.ToNumber(c.Arg(1, "base"));
        var result = ParseInt(Js.ToStr(value), radix);
        return double.IsNaN(result) ? c.Arg(0, "default") : result;
    }

    /// <summary>JavaScript's parseInt: leading whitespace, sign, then the longest run of digits.</summary>
    internal static double ParseInt(string s, int radix)
    {
        s = JsTrim(s);
        var sign = 1;
        if (s.StartsWith('-') || s.StartsWith('+')) { sign = s[0] == '-' ? -1 : 1; s = s[1..]; }
        if (radix == 16 && s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) s = s[2..];
        double result = 0;
        var digits = 0;
        foreach (var ch in s)
        {
            var d = char.IsAsciiDigit(ch) ? ch - '0' : char.IsAsciiLetter(ch) ? char.ToLowerInvariant(ch) - 'a' + 10 : 99;
            if (d >= radix) break;
            result = result * radix + d;
            digits++;
        }
        return digits == 0 ? double.NaN : sign * result;
    }

    /// <summary>JavaScript's parseFloat: the longest numeric prefix.</summary>
    internal static double ParseFloat(string s)
    {
        var m = FloatPrefix().Match(JsTrim(s));
        if (!m.Success) return double.NaN;
        if (m.Value.EndsWith("Infinity", StringComparison.Ordinal)) return m.Value.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
        return double.Parse(m.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static object? Indent(FilterCall c)
    {
        var s = Str(Normalize(c.Input, ""), "split");
        if (s.Length == 0) return "";
        var width = Js.Truthy(c.Arg(0)) ? (int)Js.ToNumber(c.Arg(0)) : 4;
        var indentFirst = Js.Truthy(c.Arg(1));
        var pad = new string(' ', Math.Max(0, width));
        return string.Join('\n', s.Split('\n').Select((line, i) => i == 0 && !indentFirst ? line : pad + line));
    }

    private static object? Replace(FilterCall c)
    {
        var (input, old, replacement, maxArg) = (c.Input, c.Arg(0), c.Arg(1), c.Arg(2));
        if (old is JsRegex regex) return ReplaceFirst(Str(input, "replace"), regex, Js.ToStr(replacement));
        var maxCount = maxArg is JsUndefined ? -1 : Js.ToNumber(maxArg);
        string oldText;
        if (old is double) oldText = Js.ToStr(old);
        else if (old is string os) oldText = os;
        else return input;
        if (input is double) input = Js.ToStr(input);
        if (input is not string str) return input;
        var with = Js.ToStr(replacement);
        if (oldText.Length == 0) return with + string.Join(with, str.Select(ch => ch.ToString())) + with;
        var next = str.IndexOf(oldText, StringComparison.Ordinal);
        if (maxCount == 0 || next == -1) return str;
        var result = new System.Text.StringBuilder();
        int pos = 0, count = 0;
        while (next > -1 && (maxCount == -1 || count < maxCount))
        {
            result.Append(str, pos, next - pos).Append(with);
            pos = next + oldText.Length;
            count++;
            next = str.IndexOf(oldText, pos, StringComparison.Ordinal);
        }
        if (pos < str.Length) result.Append(str, pos, str.Length - pos);
        return result.ToString();
    }

    /// <summary>String.prototype.replace: a string pattern replaces its first occurrence, a regex honours its g flag.</summary>
    internal static string ReplaceFirst(string s, object? pattern, string replacement)
    {
        if (pattern is JsRegex r) return r.Global ? r.ToRegex().Replace(s, replacement) : r.ToRegex().Replace(s, replacement, 1);
        var p = Js.ToStr(pattern);
        var i = s.IndexOf(p, StringComparison.Ordinal);
        return i < 0 ? s : string.Concat(s.AsSpan(0, i), replacement, s.AsSpan(i + p.Length));
    }

    private static object? Round(FilterCall c)
    {
        var precision = Js.Truthy(c.Arg(0)) ? Js.ToNumber(c.Arg(0)) : 0;
        var factor = Math.Pow(10, precision);
        var v = Js.ToNumber(c.Input) * factor;
        var method = c.Arg(1) as string;
        var rounded = method == "ceil" ? Math.Ceiling(v) : method == "floor" ? Math.Floor(v) : Math.Floor(v + 0.5);
        return rounded / factor;
    }

    private static object? Striptags(FilterCall c)
    {
        var input = Str(Normalize(c.Input, ""), "replace");
        var trimmed = JsTrim(Tags().Replace(input, ""));
        if (!Js.Truthy(c.Arg(0))) return Whitespace().Replace(trimmed, " ");
        var res = Regex.Replace(trimmed, "^ +| +$", "", RegexOptions.Multiline);
        res = Regex.Replace(res, " +", " ").Replace("\r\n", "\n");
        return Regex.Replace(res, "\n\n\n+", "\n\n");
    }

    private static object? Truncate(FilterCall c)
    {
        var input = Str(Normalize(c.Input, ""), "length");
        var length = Js.Truthy(c.Arg(0)) ? (int)Js.ToNumber(c.Arg(0)) : 255;
        if (input.Length <= length) return input;
        if (Js.Truthy(c.Arg(1))) input = input[..length];
        else
        {
            var idx = input.LastIndexOf(' ', Math.Min(length, input.Length - 1));
            input = input[..(idx == -1 ? length : idx)];
        }
        return input + (Js.IsNullish(c.Arg(2)) ? "..." : Js.ToStr(c.Arg(2)));
    }

    private static object? Urlencode(FilterCall c)
    {
        if (c.Input is string s) return Uri.EscapeDataString(s).Replace("%21", "!").Replace("%27", "'").Replace("%28", "(").Replace("%29", ")").Replace("%2A", "*");
        var pairs = c.Input switch
        {
            JsArray a => a.Select(p => (JsOperators.Member(p, 0d), JsOperators.Member(p, 1d))),
            JsObject o => JsKeys.Ordered(o).Select(p => ((object?)p.Key, p.Value)),
            _ => [],
        };
        return string.Join('&', pairs.Select(p => Uri.EscapeDataString(Js.ToStr(p.Item1)) + "=" + Uri.EscapeDataString(Js.ToStr(p.Item2))));
    }

    /// <summary>JavaScript's \s trim (String.prototype.trim).</summary>
    internal static string JsTrim(string s) => s.Trim();

    [GeneratedRegex(@"\r\n|\n")] private static partial Regex NewLine();
    [GeneratedRegex(@"\w+", RegexOptions.ECMAScript)] private static partial Regex Word();
    [GeneratedRegex(@"<\/?([a-z][a-z0-9]*)\b[^>]*>|<!--[\s\S]*?-->", RegexOptions.IgnoreCase)] private static partial Regex Tags();
    [GeneratedRegex(@"\s+")] private static partial Regex Whitespace();
    [GeneratedRegex(@"^[+-]?(Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)")] private static partial Regex FloatPrefix();
}
