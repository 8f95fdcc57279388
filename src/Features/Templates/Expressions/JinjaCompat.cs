namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>
/// nunjitsu's cookiecutterCompat (fetch:template): True/False/None as names and the read-only Python members of lists
/// and dicts (<c>index</c> answers -1 for a missing item, as nunjitsu does). Python slices <c>x[1:3]</c> work in both syntaxes.
/// The mutating members (append, pop, update...) are left out, so calling one fails instead of silently differing.
/// </summary>
internal static class JinjaCompat
{
    public static bool TryName(string name, out object? value)
    {
        value = name switch { "True" => true, "False" => false, "None" => null, _ => Js.Undefined };
        return value is not JsUndefined;
    }

    /// <summary>A Python member as nunjitsu's cookiecutter mode resolves one: an object's own property wins over it.</summary>
    public static bool TryMember(object? target, object? key, out object? member)
    {
        var name = Js.ToStr(key);
        member = target is JsObject own && own.ContainsKey(name) ? null : (target, name) switch
        {
            (JsArray a, "count") => new JsFunction(name, args => (double)a.Count(x => JsOperators.StrictEquals(x, Arg(args))) ),
            (JsArray a, "index") => new JsFunction(name, args => (double)a.FindIndex(x => JsOperators.StrictEquals(x, Arg(args)))),
            (JsArray a, "find") => new JsFunction(name, args => (double)a.FindIndex(x => JsOperators.StrictEquals(x, Arg(args)))),
            (JsObject o, "items") => new JsFunction(name, _ => new JsArray(JsKeys.Ordered(o).Select(p => (object?)new JsArray { p.Key, p.Value }))),
            (JsObject o, "values") => new JsFunction(name, _ => new JsArray(JsKeys.Ordered(o).Select(p => p.Value))),
            (JsObject o, "keys") => new JsFunction(name, _ => new JsArray(JsKeys.Ordered(o).Select(p => (object?)p.Key))),
            (JsObject o, "get") => new JsFunction(name, args => JsOperators.Member(o, Arg(args)) is var v && v is JsUndefined ? Arg(args, 1) : v),
            (JsObject o, "has_key") => new JsFunction(name, args => o.ContainsKey(Js.ToStr(Arg(args)))),
            _ => null,
        };
        return member is not null;
    }

    /// <summary>nunjucks' sliceLookup: always an array, even for a string.</summary>
    public static JsArray Slice(object? target, object? start, object? stop, object? step)
    {
        var items = Js.Truthy(target) ? target : new JsObject();
        var length = Js.ToNumber(JsOperators.Member(items, "length"));
        var s = Js.ToNumber(step);
        var from = start is null ? (s < 0 ? length - 1 : 0) : Js.ToNumber(start);
        var to = stop is null ? (s < 0 ? -1 : length) : Js.ToNumber(stop) is var t && t < 0 ? t + length : t;
        if (from < 0) from += length;
        var result = new JsArray();
        for (var i = from; result.Count < 100_000; i += s)
        {
            if (i < 0 || i > length || double.IsNaN(i) || (s > 0 && i >= to) || (s < 0 && i <= to) || s == 0 || double.IsNaN(s)) break;
            result.Add(JsOperators.Member(items, i));
        }
        return result;
    }

    private static object? Arg(IReadOnlyList<object?> args, int i = 0) => i < args.Count ? args[i] : Js.Undefined;
}
