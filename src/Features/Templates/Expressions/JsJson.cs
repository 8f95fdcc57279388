using System.Globalization;
using System.Text;

namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>JSON.stringify(value, null, space), byte for byte: the dump filter, and Backstage's type-keeping trick, depend on it.</summary>
internal static class JsJson
{
    /// <summary>The JSON text, or null where JSON.stringify returns undefined (undefined, functions).</summary>
    public static string? Stringify(object? value, object? space = null)
    {
        var indent = space switch
        {
            double d when d >= 1 => new string(' ', (int)Math.Min(10, Math.Floor(d))),
            string s => s.Length > 10 ? s[..10] : s,
            _ => "",
        };
        if (value is JsUndefined or JsFunction) return null;
        var sb = new StringBuilder();
        Write(sb, value, indent, "");
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value, string indent, string current)
    {
        switch (value)
        {
            case null: sb.Append("null"); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case double d: sb.Append(double.IsFinite(d) ? Js.NumberToString(d) : "null"); break;
            case string s: Quote(sb, s); break;
            case JsArray a: WriteArray(sb, a, indent, current); break;
            case JsObject o: WriteObject(sb, o, indent, current); break;
            case JsRegex: sb.Append("{}"); break;
            default: sb.Append("null"); break;
        }
    }

    private static void WriteArray(StringBuilder sb, JsArray a, string indent, string current)
    {
        if (a.Count == 0) { sb.Append("[]"); return; }
        var inner = current + indent;
        sb.Append('[');
        for (var i = 0; i < a.Count; i++)
        {
            if (i > 0) sb.Append(',');
            if (indent.Length > 0) sb.Append('\n').Append(inner);
            if (a[i] is JsUndefined or JsFunction) sb.Append("null");
            else Write(sb, a[i], indent, inner);
        }
        if (indent.Length > 0) sb.Append('\n').Append(current);
        sb.Append(']');
    }

    private static void WriteObject(StringBuilder sb, JsObject o, string indent, string current)
    {
        var inner = current + indent;
        var first = true;
        sb.Append('{');
        foreach (var (key, v) in JsKeys.Ordered(o))
        {
            if (v is JsUndefined or JsFunction) continue;
            if (!first) sb.Append(',');
            first = false;
            if (indent.Length > 0) sb.Append('\n').Append(inner);
            Quote(sb, key);
            sb.Append(indent.Length > 0 ? ": " : ":");
            Write(sb, v, indent, inner);
        }
        if (!first && indent.Length > 0) sb.Append('\n').Append(current);
        sb.Append('}');
    }

    public static void Quote(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    var loneSurrogate = (char.IsHighSurrogate(c) && !(i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])))
                        || (char.IsLowSurrogate(c) && !(i > 0 && char.IsHighSurrogate(s[i - 1])));
                    if (c < 0x20 || loneSurrogate) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}

/// <summary>JavaScript's own-key order: array-index keys ascending first, then the rest in insertion order.</summary>
internal static class JsKeys
{
    public static IEnumerable<KeyValuePair<string, object?>> Ordered(JsObject o)
    {
        if (!o.Keys.Any(IsIndex)) return o;
        return o.Where(p => IsIndex(p.Key)).OrderBy(p => uint.Parse(p.Key, CultureInfo.InvariantCulture)).Concat(o.Where(p => !IsIndex(p.Key)));
    }

    private static bool IsIndex(string key) =>
        key.Length > 0 && key.Length <= 10 && key.All(char.IsAsciiDigit) && (key == "0" || key[0] != '0')
        && uint.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < uint.MaxValue;
}
