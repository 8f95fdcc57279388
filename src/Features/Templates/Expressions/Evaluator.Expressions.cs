namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>A filter: input, positional arguments (missing ones are undefined) and keyword arguments.</summary>
internal delegate object? FilterFunction(FilterCall call);

internal sealed record FilterCall(object? Input, IReadOnlyList<object?> Args, IReadOnlyDictionary<string, object?> Kwargs, Evaluator Evaluator)
{
    public object? Arg(int i, string? keyword = null) =>
        keyword is not null && Kwargs.TryGetValue(keyword, out var named) ? named : i >= 0 && i < Args.Count ? Args[i] : Js.Undefined;

    public bool StrictUndefined => Evaluator.StrictUndefined;
}

internal sealed partial class Evaluator
{
    public bool StrictUndefined => options.StrictUndefined;

    public object? Eval(Expr expr) => expr switch
    {
        LiteralExpr l => l.Value,
        RegexExpr r => new JsRegex(r.Pattern, r.Flags),
        SymbolExpr s => Lookup(s.Name),
        MemberExpr m => Member(Eval(m.Target), Eval(m.Key)),
        SliceExpr s => Expressions.JinjaCompat.Slice(Eval(s.Target), s.Start is null ? null : Eval(s.Start), s.Stop is null ? null : Eval(s.Stop), s.Step is null ? 1d : Eval(s.Step)),
        ArrayExpr a => new JsArray(a.Items.Select(Eval)),
        GroupExpr g => g.Items.Select(Eval).LastOrDefault(),
        ObjectExpr o => EvalObject(o),
        UnaryExpr u => EvalUnary(u),
        BinaryExpr b => EvalBinary(b),
        CompareExpr c => EvalCompare(c),
        InlineIfExpr i => Js.Truthy(Eval(i.Condition)) ? Eval(i.Body) : i.Else is null ? "" : Eval(i.Else),
        FilterExpr f => EvalFilter(f),
        CallExpr c => EvalCall(c),
        IsExpr t => EvalIs(t),
        _ => throw Fail(expr, "unsupported expression"),
    };

    private object? Member(object? target, object? key) =>
        JinjaCompat && Expressions.JinjaCompat.TryMember(target, key, out var member) ? member : JsOperators.Member(target, key);

    private JsObject EvalObject(ObjectExpr o)
    {
        var result = new JsObject();
        foreach (var (key, value) in o.Pairs) result[Js.ToStr(Eval(key))] = Eval(value);
        return result;
    }

    private object? EvalUnary(UnaryExpr u)
    {
        var value = Eval(u.Operand);
        return u.Op switch
        {
            "not" => !Js.Truthy(value),
            "-" => -Js.ToNumber(value),
            _ => Js.ToNumber(value),
        };
    }

    private object? EvalBinary(BinaryExpr b)
    {
        switch (b.Op)
        {
            case "and":
                var left = Eval(b.Left);
                return Js.Truthy(left) ? Eval(b.Right) : left;
            case "or":
                var first = Eval(b.Left);
                return Js.Truthy(first) ? first : Eval(b.Right);
        }
        var l = Eval(b.Left);
        var r = Eval(b.Right);
        try
        {
            return b.Op switch
            {
                "~" => JsOperators.Add(JsOperators.Add(l, ""), r),
                "+" => JsOperators.Add(l, r),
                "in" => JsOperators.In(l, r),
                _ => JsOperators.Arithmetic(b.Op, l, r),
            };
        }
        catch (InvalidOperationException e) { throw Fail(b, e.Message); }
    }

    private object? EvalCompare(CompareExpr c)
    {
        // nunjucks emits "a < b < c" literally, so JavaScript compares the boolean result of the first pair.
        object? acc = Eval(c.First);
        foreach (var (op, operand) in c.Rest)
        {
            var right = Eval(operand);
            acc = op switch
            {
                "==" => JsOperators.LooseEquals(acc, right),
                "!=" => !JsOperators.LooseEquals(acc, right),
                "===" => JsOperators.StrictEquals(acc, right),
                "!==" => !JsOperators.StrictEquals(acc, right),
                _ => JsOperators.Compare(op, acc, right),
            };
        }
        return acc;
    }

    private object? EvalFilter(FilterExpr f)
    {
        if (!filters.TryGetValue(f.Name, out var filter)) throw new TemplateSyntaxException(sourceName, f.Line, f.Column, $"filter not found: {f.Name}");
        var input = Eval(f.Target);
        var args = f.Args.Select(Eval).ToList();
        var kwargs = f.Kwargs.ToDictionary(k => k.Name, k => Eval(k.Value), StringComparer.Ordinal);
        if (kwargs.Count > 0 && f.Name is not ("sort" or "int"))
        {
            // nunjucks passes keyword arguments to a plain filter as a trailing object marked __keywords.
            var keywordObject = new JsObject();
            foreach (var (k, v) in kwargs) keywordObject[k] = v;
            keywordObject["__keywords"] = true;
            args.Add(keywordObject);
            kwargs.Clear();
        }
        try
        {
            return filter(new FilterCall(input, args, kwargs, this));
        }
        catch (Exception e) when (e is JsError or InvalidOperationException or ArgumentException or FormatException)
        {
            var undefinedNote = Js.IsNullish(input) ? $" ({f.Target.Text} is {Describe(input)})" : "";
            throw Fail(f, $"Template filter \"{f.Name}\" failed: {e.Message}{undefinedNote}");
        }
    }

    private object? EvalCall(CallExpr c)
    {
        var callee = Eval(c.Callee);
        if (callee is not JsFunction fn)
            throw Fail(c, $"Unable to call `{c.Callee.Text}`, which is undefined or falsey");
        var args = c.Args.Select(Eval).ToList();
        if (c.Kwargs.Count > 0)
        {
            var kw = new JsObject();
            foreach (var (name, value) in c.Kwargs) kw[name] = Eval(value);
            kw["__keywords"] = true;
            args.Add(kw);
        }
        try { return fn.Invoke(args); }
        catch (Exception e) when (e is JsError or InvalidOperationException or ArgumentException)
        {
            throw Fail(c, e.Message);
        }
    }

    private object? EvalIs(IsExpr t)
    {
        var value = Eval(t.Target);
        var args = t.Args.Select(Eval).ToList();
        if (!NunjucksTests.TryRun(t.Test, value, args.Count > 0 ? args[0] : Js.Undefined, out var result))
            throw new TemplateSyntaxException(sourceName, t.Line, t.Column, $"test not found: {t.Test}");
        return t.Negated ? !result : result;
    }

    /// <summary>Runs a named test for select/reject.</summary>
    public bool RunTest(string name, object? value, object? arg) =>
        NunjucksTests.TryRun(name, value, arg, out var result) ? result : throw new JsError($"test not found: {name}");
}
