namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>
/// nunjucks parses with its own precedence ladder but compiles arithmetic, <c>~</c>, comparisons and <c>not</c> to
/// JavaScript text without parentheses, so JavaScript's precedence decides: <c>'x' + 1 - 1</c> is NaN,
/// <c>not a == b</c> is <c>(!a) == b</c>, <c>'v' ~ 1 + 2</c> is "v12". This pass regroups such chains the way
/// JavaScript reads the emitted code. Anything nunjucks emits as a call or in parentheses stays one operand.
/// </summary>
internal static class JsPrecedence
{
    private static readonly HashSet<string> FlatOps = ["+", "-", "*", "/", "%", "~"];

    private sealed record Item(Expr? Atom, string? Op, List<UnaryExpr> Prefixes);

    public static Expr Regroup(Expr expr)
    {
        if (!IsFlat(expr)) return RegroupChildren(expr);
        var items = new List<Item>();
        var prefixes = new List<UnaryExpr>();
        Collect(expr, items, prefixes);
        var pos = 0;
        return Parse(items, ref pos, 0);
    }

    private static bool IsFlat(Expr e) => e is CompareExpr || (e is BinaryExpr b && FlatOps.Contains(b.Op)) || e is UnaryExpr;

    private static void Collect(Expr e, List<Item> items, List<UnaryExpr> prefixes)
    {
        switch (e)
        {
            case BinaryExpr b when FlatOps.Contains(b.Op):
                Collect(b.Left, items, prefixes);
                items.Add(new Item(null, b.Op, []));
                Collect(b.Right, items, []);
                break;
            case CompareExpr c:
                Collect(c.First, items, prefixes);
                foreach (var (op, operand) in c.Rest)
                {
                    items.Add(new Item(null, op, []));
                    Collect(operand, items, []);
                }
                break;
            case UnaryExpr u:
                // "!", "-" and "+" are emitted in front of whatever follows: they bind to the next operand only.
                Collect(u.Operand, items, [.. prefixes, u]);
                break;
            default:
                items.Add(new Item(RegroupChildren(e), null, prefixes));
                break;
        }
    }

    private static int Level(string op) => op switch
    {
        "==" or "!=" or "===" or "!==" => 1,
        "<" or ">" or "<=" or ">=" => 2,
        "+" or "-" or "~" => 3,
        _ => 4,
    };

    private static Expr Parse(List<Item> items, ref int pos, int minLevel)
    {
        var left = Operand(items[pos++]);
        while (pos < items.Count && Level(items[pos].Op!) > minLevel)
        {
            var op = items[pos].Op!;
            var level = Level(op);
            pos++;
            var right = Parse(items, ref pos, level);
            left = op switch
            {
                "==" or "!=" or "===" or "!==" or "<" or ">" or "<=" or ">=" => new CompareExpr(left, [(op, right)], left.Line, left.Column),
                "~" => new BinaryExpr("+", new BinaryExpr("+", left, new LiteralExpr("", "\"\"", left.Line, left.Column), left.Line, left.Column), right, left.Line, left.Column),
                _ => new BinaryExpr(op, left, right, left.Line, left.Column),
            };
        }
        return left;
    }

    private static Expr Operand(Item item)
    {
        var e = item.Atom!;
        for (var i = item.Prefixes.Count - 1; i >= 0; i--) e = item.Prefixes[i] with { Operand = e };
        return e;
    }

    private static Expr RegroupChildren(Expr e) => e switch
    {
        MemberExpr m => m with { Target = Regroup(m.Target), Key = Regroup(m.Key) },
        CallExpr c => c with { Callee = Regroup(c.Callee), Args = c.Args.Select(Regroup).ToList(), Kwargs = c.Kwargs.Select(k => (k.Name, Regroup(k.Value))).ToList() },
        FilterExpr f => f with { Target = Regroup(f.Target), Args = f.Args.Select(Regroup).ToList(), Kwargs = f.Kwargs.Select(k => (k.Name, Regroup(k.Value))).ToList() },
        BinaryExpr b => b with { Left = Regroup(b.Left), Right = Regroup(b.Right) },
        IsExpr t => t with { Target = Regroup(t.Target), Args = t.Args.Select(Regroup).ToList() },
        InlineIfExpr i => i with { Condition = Regroup(i.Condition), Body = Regroup(i.Body), Else = i.Else is null ? null : Regroup(i.Else) },
        ArrayExpr a => a with { Items = a.Items.Select(Regroup).ToList() },
        SliceExpr s => s with { Target = Regroup(s.Target), Start = s.Start is null ? null : Regroup(s.Start), Stop = s.Stop is null ? null : Regroup(s.Stop), Step = s.Step is null ? null : Regroup(s.Step) },
        GroupExpr g => g with { Items = g.Items.Select(Regroup).ToList() },
        ObjectExpr o => o with { Pairs = o.Pairs.Select(p => (Regroup(p.Key), Regroup(p.Value))).ToList() },
        _ => e,
    };
}
