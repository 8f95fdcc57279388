namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>The JavaScript operators Nunjucks compiles its expressions to.</summary>
internal static class JsOperators
{
    public static bool StrictEquals(object? a, object? b) => (a, b) switch
    {
        (null, null) or (JsUndefined, JsUndefined) => true,
        (double x, double y) => x == y,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (bool x, bool y) => x == y,
        _ => a is not null && ReferenceEquals(a, b),
    };

    public static bool LooseEquals(object? a, object? b)
    {
        if (Js.IsNullish(a) || Js.IsNullish(b)) return Js.IsNullish(a) && Js.IsNullish(b);
        if (Js.TypeOf(a) == Js.TypeOf(b)) return StrictEquals(a, b);
        if (a is bool) return LooseEquals(Js.ToNumber(a), b);
        if (b is bool) return LooseEquals(a, Js.ToNumber(b));
        if (a is double && b is string) return Js.ToNumber(b) == (double)a;
        if (a is string && b is double) return Js.ToNumber(a) == (double)b;
        if (IsReference(a) && !IsReference(b)) return LooseEquals(Js.ToStr(a), b);
        if (IsReference(b) && !IsReference(a)) return LooseEquals(a, Js.ToStr(b));
        return false;
    }

    private static bool IsReference(object? v) => v is JsArray or JsObject or JsFunction;

    private static object? ToPrimitive(object? v) => IsReference(v) ? Js.ToStr(v) : v;

    /// <summary>a &lt; b, a &gt; b, ... with JavaScript's abstract relational comparison.</summary>
    public static bool Compare(string op, object? a, object? b)
    {
        a = ToPrimitive(a);
        b = ToPrimitive(b);
        if (a is string sa && b is string sb)
        {
            var c = string.CompareOrdinal(sa, sb);
            return op switch { "<" => c < 0, ">" => c > 0, "<=" => c <= 0, _ => c >= 0 };
        }
        var x = Js.ToNumber(a);
        var y = Js.ToNumber(b);
        if (double.IsNaN(x) || double.IsNaN(y)) return false;
        return op switch { "<" => x < y, ">" => x > y, "<=" => x <= y, _ => x >= y };
    }

    public static object Add(object? a, object? b)
    {
        a = ToPrimitive(a);
        b = ToPrimitive(b);
        if (a is string || b is string) return Js.ToStr(a) + Js.ToStr(b);
        return Js.ToNumber(a) + Js.ToNumber(b);
    }

    public static object Arithmetic(string op, object? a, object? b)
    {
        var x = Js.ToNumber(a);
        var y = Js.ToNumber(b);
        return op switch
        {
            "-" => x - y,
            "*" => x * y,
            "/" => x / y,
            "//" => Math.Floor(x / y),
            "%" => x % y,
            "**" => Math.Pow(x, y),
            _ => double.NaN,
        };
    }

    /// <summary>Nunjucks' runtime.inOperator.</summary>
    public static bool In(object? key, object? container) => container switch
    {
        JsArray a => a.Any(item => StrictEquals(item, key)),
        string s => s.Contains(Js.ToStr(key), StringComparison.Ordinal),
        JsObject o => o.ContainsKey(Js.ToStr(key)),
        _ => throw new InvalidOperationException(
            $"Cannot use \"in\" operator to search for \"{Js.ToStr(key)}\" in unexpected types."),
    };

    /// <summary>Nunjucks' runtime.memberLookup: a missing object gives undefined, never an error.</summary>
    public static object? Member(object? obj, object? key)
    {
        switch (obj)
        {
            case null or JsUndefined:
                return Js.Undefined;
            case JsObject o:
                return o.TryGetValue(Js.ToStr(key), out var v) ? v : JsMethods.Lookup(obj, Js.ToStr(key));
            case JsArray a when key is double d:
                return d >= 0 && d < a.Count && d == Math.Floor(d) ? a[(int)d] : Js.Undefined;
            case string s when key is double d:
                return d >= 0 && d < s.Length && d == Math.Floor(d) ? s[(int)d].ToString() : Js.Undefined;
            default:
                var name = Js.ToStr(key);
                if (obj is JsArray arr && int.TryParse(name, out var i)) return i >= 0 && i < arr.Count ? arr[i] : Js.Undefined;
                return JsMethods.Lookup(obj, name);
        }
    }
}
