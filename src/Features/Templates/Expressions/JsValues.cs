using System.Globalization;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>JavaScript's <c>undefined</c>: distinct from JSON null, because Nunjucks (and so Backstage) treats them differently.</summary>
internal sealed class JsUndefined
{
    public static readonly JsUndefined Value = new();
    private JsUndefined() { }
    public override string ToString() => "undefined";
}

/// <summary>A JavaScript object: insertion-ordered string keys.</summary>
internal sealed class JsObject : Dictionary<string, object?>
{
    public JsObject() : base(StringComparer.Ordinal) { }
}

/// <summary>A JavaScript array.</summary>
internal sealed class JsArray : List<object?>
{
    public JsArray() { }
    public JsArray(IEnumerable<object?> items) : base(items) { }
}

/// <summary>A callable value (global function, bound method, filter exposed as a global).</summary>
internal sealed record JsFunction(string Name, Func<IReadOnlyList<object?>, object?> Invoke);

/// <summary>
/// Values inside the engine are plain CLR objects with JavaScript semantics:
/// JsUndefined, null, bool, double, string, JsArray, JsObject, JsFunction.
/// </summary>
internal static class Js
{
    public static object Undefined => JsUndefined.Value;

    public static bool IsNullish(object? v) => v is null or JsUndefined;

    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => ToObject(o),
        JsonArray a => new JsArray(a.Select(FromJson)),
        JsonValue v => FromJsonValue(v),
        _ => null,
    };

    private static JsObject ToObject(JsonObject o)
    {
        var result = new JsObject();
        foreach (var (key, value) in o) result[key] = FromJson(value);
        return result;
    }

    private static object? FromJsonValue(JsonValue v)
    {
        if (v.TryGetValue<string>(out var s)) return s;
        if (v.TryGetValue<bool>(out var b)) return b;
        if (v.TryGetValue<double>(out var d)) return d;
        return v.ToJsonString() switch { "true" => true, "false" => false, var raw => double.Parse(raw, CultureInfo.InvariantCulture) };
    }

    /// <summary>JSON value of a JS value; undefined (and functions) have none, as in JSON.stringify.</summary>
    public static JsonNode? ToJson(object? v) => v switch
    {
        null or JsUndefined or JsFunction => null,
        bool b => JsonValue.Create(b),
        double d => double.IsFinite(d) ? NumberNode(d) : null,
        string s => JsonValue.Create(s),
        JsArray a => new JsonArray(a.Select(ToJson).ToArray()),
        JsObject o => new JsonObject(o.Where(p => p.Value is not (JsUndefined or JsFunction))
            .Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))),
        _ => JsonValue.Create(ToStr(v)),
    };

    // Parsed from JavaScript's spelling, so a filter may read it as int, long or double alike.
    private static JsonNode NumberNode(double d) => JsonNode.Parse(NumberToString(d))!;

    public static bool Truthy(object? v) => v switch
    {
        null or JsUndefined => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        _ => true,
    };

    public static double ToNumber(object? v) => v switch
    {
        null => 0,
        JsUndefined => double.NaN,
        bool b => b ? 1 : 0,
        double d => d,
        string s => StringToNumber(s),
        JsArray => StringToNumber(ToStr(v)),
        _ => double.NaN,
    };

    private static double StringToNumber(string s)
    {
        s = s.Trim();
        if (s.Length == 0) return 0;
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return long.TryParse(s[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var h) ? h : double.NaN;
        if (s is "Infinity" or "+Infinity") return double.PositiveInfinity;
        if (s == "-Infinity") return double.NegativeInfinity;
        if (s.Any(c => !(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-'))) return double.NaN;
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;
    }

    /// <summary>JavaScript's String(v).</summary>
    public static string ToStr(object? v) => v switch
    {
        null => "null",
        JsUndefined => "undefined",
        bool b => b ? "true" : "false",
        double d => NumberToString(d),
        string s => s,
        JsArray a => string.Join(",", a.Select(x => IsNullish(x) ? "" : ToStr(x))),
        JsObject => "[object Object]",
        JsFunction => throw new JsError("Callable values cannot be coerced"), // nunjitsu: a method is not a value
        JsRegex r => $"/{r.Pattern}/{r.Flags}",
        _ => v.ToString() ?? "",
    };

    /// <summary>Number.prototype.toString: integers without a fraction, exponent past 1e21 and below 1e-6.</summary>
    public static string NumberToString(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        if (d == 0) return "0";
        // Shortest round-trip digits and decimal exponent.
        var shortest = d.ToString("R", CultureInfo.InvariantCulture);
        var (digits, exp) = Decompose(shortest);
        var sign = d < 0 ? "-" : "";
        var k = digits.Length;
        var n = exp + 1; // position of the decimal point relative to the digits
        if (k <= n && n <= 21) return sign + digits + new string('0', n - k);
        if (0 < n && n <= 21) return sign + digits[..n] + "." + digits[n..];
        if (-6 < n && n <= 0) return sign + "0." + new string('0', -n) + digits;
        var e = n - 1;
        var es = e >= 0 ? "+" + e : e.ToString(CultureInfo.InvariantCulture);
        return sign + digits[..1] + (k > 1 ? "." + digits[1..] : "") + "e" + es;
    }

    private static (string Digits, int Exponent) Decompose(string s)
    {
        s = s.TrimStart('-');
        var exp = 0;
        var ePos = s.IndexOfAny(['E', 'e']);
        if (ePos >= 0) { exp = int.Parse(s[(ePos + 1)..], CultureInfo.InvariantCulture); s = s[..ePos]; }
        var dot = s.IndexOf('.');
        var intPart = dot >= 0 ? s[..dot] : s;
        var frac = dot >= 0 ? s[(dot + 1)..] : "";
        var all = intPart + frac;
        var pointExp = intPart.Length - 1 + exp;
        var lead = all.Length - all.TrimStart('0').Length;
        all = all.TrimStart('0');
        pointExp -= lead;
        all = all.TrimEnd('0');
        return (all.Length == 0 ? "0" : all, pointExp);
    }

    public static string TypeOf(object? v) => v switch
    {
        JsUndefined => "undefined",
        bool => "boolean",
        double => "number",
        string => "string",
        JsFunction => "function",
        _ => "object",
    };
}
