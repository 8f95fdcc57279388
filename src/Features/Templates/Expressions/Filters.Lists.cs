namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>The list and object filters of nunjucks 3.2.4.</summary>
internal static partial class Filters
{
    private static void AddListFilters(Dictionary<string, FilterFunction> f)
    {
        f["batch"] = Batch;
        f["dictsort"] = Dictsort;
        f["first"] = c => Js.IsNullish(c.Input) ? throw ReadError(c.Input, "0") : JsOperators.Member(c.Input, 0d);
        f["last"] = c => Js.IsNullish(c.Input) ? throw ReadError(c.Input, "length") : JsOperators.Member(c.Input, Js.ToNumber(JsOperators.Member(c.Input, "length")) - 1);
        f["groupby"] = Groupby;
        f["join"] = Join;
        f["length"] = Length;
        f["list"] = List;
        f["random"] = c => Items(c.Input, "length") is var a && a.Count > 0 ? a[Random.Shared.Next(a.Count)] : Js.Undefined;
        f["reject"] = c => SelectOrReject(c, false);
        f["select"] = c => SelectOrReject(c, true);
        f["rejectattr"] = c => new JsArray(Items(c.Input, "filter").Where(item => !Js.Truthy(JsOperators.Member(item, c.Arg(0)))));
        f["selectattr"] = c => new JsArray(Items(c.Input, "filter").Where(item => Js.Truthy(JsOperators.Member(item, c.Arg(0)))));
        f["reverse"] = Reverse;
        f["slice"] = Slice;
        f["sort"] = Sort;
        f["sum"] = Sum;
    }

    /// <summary>The elements of an array (a string's characters), or JavaScript's TypeError for undefined/null.</summary>
    internal static List<object?> Items(object? value, string member) => value switch
    {
        JsArray a => a,
        string s => s.Select(ch => (object?)ch.ToString()).ToList(),
        null or JsUndefined => throw ReadError(value, member),
        _ => [],
    };

    private static object? Batch(FilterCall c)
    {
        var items = Items(c.Input, "length");
        var size = (int)Js.ToNumber(c.Arg(0));
        var result = new JsArray();
        var current = new JsArray();
        for (var i = 0; i < items.Count; i++)
        {
            if (i % size == 0 && current.Count > 0) { result.Add(current); current = []; }
            current.Add(items[i]);
        }
        if (current.Count > 0)
        {
            if (Js.Truthy(c.Arg(1))) while (current.Count < size) current.Add(c.Arg(1));
            result.Add(current);
        }
        return result;
    }

    private static object? Dictsort(FilterCall c)
    {
        if (c.Input is not JsObject obj) throw new JsError("dictsort filter: val must be an object");
        var by = c.Arg(1);
        var index = by is JsUndefined || Js.ToStr(by) == "key" ? 0 : Js.ToStr(by) == "value" ? 1
            : throw new JsError("dictsort filter: You can only sort by either key or value");
        var caseSensitive = Js.Truthy(c.Arg(0));
        object? Key(KeyValuePair<string, object?> p)
        {
            var v = index == 0 ? p.Key : p.Value;
            return !caseSensitive && v is string s ? s.ToUpperInvariant() : v;
        }
        var sorted = JsKeys.Ordered(obj).ToList();
        StableSort(sorted, (x, y) => JsOperators.Compare(">", Key(x), Key(y)) ? 1 : JsOperators.StrictEquals(Key(x), Key(y)) ? 0 : -1);
        return new JsArray(sorted.Select(p => (object?)new JsArray { p.Key, p.Value }));
    }

    private static object? Groupby(FilterCall c)
    {
        var result = new JsObject();
        var attr = Js.ToStr(c.Arg(0));
        foreach (var item in Items(c.Input, "length"))
        {
            var key = AttrGet(item, attr);
            if (key is JsUndefined && c.StrictUndefined) throw new JsError($"groupby: attribute \"{attr}\" resolved to undefined");
            var name = Js.ToStr(key);
            if (!result.TryGetValue(name, out var group)) result[name] = group = new JsArray();
            ((JsArray)group!).Add(item);
        }
        return result;
    }

    /// <summary>lib.getAttrGetter: a dotted path through own properties, undefined when any part is missing.</summary>
    private static object? AttrGet(object? item, string path)
    {
        foreach (var part in path.Split('.'))
        {
            item = item switch
            {
                JsObject o when o.TryGetValue(part, out var v) => v,
                JsArray a when int.TryParse(part, out var i) && i >= 0 && i < a.Count => a[i],
                _ => Js.Undefined,
            };
            if (item is JsUndefined) return item;
        }
        return item;
    }

    private static object? Join(FilterCall c)
    {
        var separator = Js.Truthy(c.Arg(0)) ? Js.ToStr(c.Arg(0)) : "";
        var input = c.Input;
        if (Js.Truthy(c.Arg(1))) input = new JsArray(Items(input, "length").Select(v => JsOperators.Member(v, c.Arg(1))));
        if (input is not JsArray items) throw Js.IsNullish(input) ? ReadError(input, "join") : new JsError("arr.join is not a function");
        return string.Join(separator, items.Select(x => Js.IsNullish(x) ? "" : Js.ToStr(x)));
    }

    private static object? Length(FilterCall c) => Normalize(c.Input, "") switch
    {
        JsObject o => (double)o.Count,
        string s => (double)s.Length,
        JsArray a => (double)a.Count,
        _ => Js.Undefined,
    };

    private static object? List(FilterCall c) => c.Input switch
    {
        string s => new JsArray(s.Select(ch => (object?)ch.ToString())),
        JsObject o => new JsArray(JsKeys.Ordered(o).Select(p => (object?)new JsObject { ["key"] = p.Key, ["value"] = p.Value })),
        JsArray a => a,
        _ => throw new JsError("list filter: type not iterable"),
    };

    private static object? SelectOrReject(FilterCall c, bool expected)
    {
        var test = c.Arg(0) is JsUndefined ? "truthy" : Js.ToStr(c.Arg(0));
        return new JsArray(Items(c.Input, "length").Where(item => c.Evaluator.RunTest(test, item, c.Arg(1)) == expected));
    }

    private static object? Reverse(FilterCall c)
    {
        if (c.Input is string s) return new string(s.Reverse().ToArray());
        var copy = c.Input is JsArray a ? new JsArray(a) : new JsArray();
        copy.Reverse();
        return copy;
    }

    private static object? Slice(FilterCall c)
    {
        var items = Items(c.Input, "length");
        var slices = (int)Js.ToNumber(c.Arg(0));
        var size = items.Count / slices;
        var extra = items.Count % slices;
        var result = new JsArray();
        var offset = 0;
        for (var i = 0; i < slices; i++)
        {
            var start = offset + i * size;
            if (i < extra) offset++;
            var end = offset + (i + 1) * size;
            var slice = new JsArray(items.Skip(start).Take(Math.Max(0, Math.Min(end, items.Count) - start)));
            if (Js.Truthy(c.Arg(1)) && i >= extra) slice.Add(c.Arg(1));
            result.Add(slice);
        }
        return result;
    }

    private static object? Sort(FilterCall c)
    {
        var reversed = Js.Truthy(c.Arg(0, "reverse"));
        var caseSensitive = Js.Truthy(c.Arg(1, "case_sensitive"));
        var attr = c.Arg(2, "attribute");
        var hasAttr = Js.Truthy(attr);
        var items = c.Input is JsArray a ? new List<object?>(a) : c.Input is string s ? Items(s, "") : [];
        StableSort(items, (x, y) =>
        {
            if (hasAttr) { x = AttrGet(x, Js.ToStr(attr)); y = AttrGet(y, Js.ToStr(attr)); }
            if (hasAttr && c.StrictUndefined && (x is JsUndefined || y is JsUndefined))
                throw new JsError($"sort: attribute \"{Js.ToStr(attr)}\" resolved to undefined");
            if (!caseSensitive && x is string xs && y is string ys) { x = xs.ToLowerInvariant(); y = ys.ToLowerInvariant(); }
            if (JsOperators.Compare("<", x, y)) return reversed ? 1 : -1;
            if (JsOperators.Compare(">", x, y)) return reversed ? -1 : 1;
            return 0;
        });
        return new JsArray(items);
    }

    private static object? Sum(FilterCall c)
    {
        var items = Items(c.Input, "reduce");
        if (Js.Truthy(c.Arg(0))) items = items.Select(v => JsOperators.Member(v, c.Arg(0))).ToList();
        object? total = 0d;
        foreach (var item in items) total = JsOperators.Add(total, item);
        return JsOperators.Add(c.Arg(1) is JsUndefined ? 0d : c.Arg(1), total);
    }

    /// <summary>Array.prototype.sort is stable (V8's TimSort); List.Sort is not, so sort indices as a tie-break.</summary>
    private static void StableSort<T>(List<T> items, Comparison<T> compare)
    {
        var indexed = items.Select((item, i) => (item, i)).ToList();
        indexed.Sort((a, b) => compare(a.item, b.item) is var r && r != 0 ? r : a.i.CompareTo(b.i));
        for (var i = 0; i < items.Count; i++) items[i] = indexed[i].item;
    }
}
