namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>Template statements.</summary>
internal abstract record Node(int Line, int Column);

internal sealed record TextNode(string Text, int Line, int Column) : Node(Line, Column);

internal sealed record OutputNode(Expr Value, int Line, int Column) : Node(Line, Column);

internal sealed record IfNode(IReadOnlyList<(Expr Condition, IReadOnlyList<Node> Body)> Branches, IReadOnlyList<Node>? Else, int Line, int Column)
    : Node(Line, Column);

internal sealed record ForNode(IReadOnlyList<string> Names, Expr Iterable, IReadOnlyList<Node> Body, IReadOnlyList<Node>? Else, int Line, int Column)
    : Node(Line, Column);

/// <summary>{% set a = x %} or the block form {% set a %}...{% endset %} (Value null, Body set).</summary>
internal sealed record SetNode(IReadOnlyList<string> Names, Expr? Value, IReadOnlyList<Node>? Body, int Line, int Column) : Node(Line, Column);

/// <summary>{% filter name(args) %}...{% endfilter %}.</summary>
internal sealed record FilterBlockNode(FilterExpr Filter, IReadOnlyList<Node> Body, int Line, int Column) : Node(Line, Column);

/// <summary>Expressions; Text is the source spelling, used to name an undefined value in errors.</summary>
internal abstract record Expr(int Line, int Column)
{
    public abstract string Text { get; }
}

internal sealed record LiteralExpr(object? Value, string Source, int Line, int Column) : Expr(Line, Column)
{
    public override string Text => Source;
}

internal sealed record RegexExpr(string Pattern, string Flags, int Line, int Column) : Expr(Line, Column)
{
    public override string Text => $"r/{Pattern}/{Flags}";
}

internal sealed record SymbolExpr(string Name, int Line, int Column) : Expr(Line, Column)
{
    public override string Text => Name;
}

internal sealed record MemberExpr(Expr Target, Expr Key, bool Dotted, int Line, int Column) : Expr(Line, Column)
{
    public override string Text => Dotted && Key is LiteralExpr { Value: string name } ? $"{Target.Text}.{name}" : $"{Target.Text}[{Key.Text}]";
}

/// <summary>A Python slice <c>x[start:stop:step]</c> (cookiecutter compatibility only); null bounds are open.</summary>
internal sealed record SliceExpr(Expr Target, Expr? Start, Expr? Stop, Expr? Step, int Line, int Column) : Expr(Line, Column)
{
    public override string Text => $"{Target.Text}[{Start?.Text}:{Stop?.Text}]";
}

internal sealed record CallExpr(Expr Callee, IReadOnlyList<Expr> Args, IReadOnlyList<(string Name, Expr Value)> Kwargs, int Line, int Column)
    : Expr(Line, Column)
{
    public override string Text => $"{Callee.Text}(...)";
}

internal sealed record FilterExpr(string Name, Expr Target, IReadOnlyList<Expr> Args, IReadOnlyList<(string Name, Expr Value)> Kwargs, int Line, int Column)
    : Expr(Line, Column)
{
    public override string Text => $"{Target.Text} | {Name}";
}

internal sealed record UnaryExpr(string Op, Expr Operand, int Line, int Column) : Expr(Line, Column)
{
    public override string Text => $"{Op} {Operand.Text}";
}

internal sealed record BinaryExpr(string Op, Expr Left, Expr Right, int Line, int Column) : Expr(Line, Column)
{
    public override string Text => $"{Left.Text} {Op} {Right.Text}";
}

internal sealed record CompareExpr(Expr First, IReadOnlyList<(string Op, Expr Operand)> Rest, int Line, int Column) : Expr(Line, Column)
{
    public override string Text => First.Text + string.Concat(Rest.Select(r => $" {r.Op} {r.Operand.Text}"));
}

internal sealed record IsExpr(Expr Target, string Test, IReadOnlyList<Expr> Args, bool Negated, int Line, int Column) : Expr(Line, Column)
{
    public override string Text => $"{Target.Text} is {(Negated ? "not " : "")}{Test}";
}

internal sealed record InlineIfExpr(Expr Condition, Expr Body, Expr? Else, int Line, int Column) : Expr(Line, Column)
{
    public override string Text => $"{Body.Text} if {Condition.Text}";
}

/// <summary>Parentheses: nunjucks emits them, so they group; with commas it is JavaScript's comma operator (the last value).</summary>
internal sealed record GroupExpr(IReadOnlyList<Expr> Items, int Line, int Column) : Expr(Line, Column)
{
    public override string Text => "(" + string.Join(", ", Items.Select(i => i.Text)) + ")";
}

internal sealed record ArrayExpr(IReadOnlyList<Expr> Items, int Line, int Column) : Expr(Line, Column)
{
    public override string Text => "[...]";
}

internal sealed record ObjectExpr(IReadOnlyList<(Expr Key, Expr Value)> Pairs, int Line, int Column) : Expr(Line, Column)
{
    public override string Text => "{...}";
}
