using System.Text;

namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>Variables of one frame; a for loop pushes one, and {% set %} updates the frame that already holds the name (nunjucks' Frame).</summary>
internal sealed class Scope(Scope? parent)
{
    private readonly Dictionary<string, object?> vars = new(StringComparer.Ordinal);

    public Scope? Parent { get; } = parent;

    public bool TryGet(string name, out object? value)
    {
        for (var s = this; s is not null; s = s.Parent)
            if (s.vars.TryGetValue(name, out value)) return true;
        value = null;
        return false;
    }

    public void Define(string name, object? value) => vars[name] = value;

    public void Assign(string name, object? value)
    {
        for (var s = this; s is not null; s = s.Parent)
            if (s.vars.ContainsKey(name)) { s.vars[name] = value; return; }
        vars[name] = value;
    }
}

/// <summary>Walks the template tree for one render. Not shared between threads: each render creates its own.</summary>
internal sealed partial class Evaluator(
    JsObject context, IReadOnlyDictionary<string, FilterFunction> filters, JsObject globals, RenderOptions options, string sourceName)
{
    private Scope scope = new(null);

    /// <summary>SecureTemplater installs nunjucks' Jinja compatibility for cookiecutterCompat renders only.</summary>
    public bool JinjaCompat { get; init; }

    /// <summary>
    /// nunjitsu's renderValue with coercion json: whatever reaches this (root) output is also written to
    /// <see cref="Encoded"/>, each interpolation as its JSON (dump); text captured by set or filter blocks is not.
    /// </summary>
    public StringBuilder? JsonTarget { get; init; }

    public StringBuilder Encoded { get; } = new();

    public void Render(IReadOnlyList<Node> nodes, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            try
            {
                switch (node)
                {
                    case TextNode text: Append(output, text.Text); break;
                    case OutputNode o: RenderOutput(o, output); break;
                    case IfNode i: RenderIf(i, output); break;
                    case ForNode f: RenderFor(f, output); break;
                    case SetNode s: RenderSet(s); break;
                    case FilterBlockNode fb: RenderFilterBlock(fb, output); break;
                }
            }
            catch (JsError e)
            {
                // A JavaScript-level failure outside a filter or call (printing a method, say): located at its statement.
                throw Fail(node, e.Message);
            }
        }
    }

    private void Append(StringBuilder output, string normal, string? encoded = null)
    {
        output.Append(normal);
        if (ReferenceEquals(output, JsonTarget)) Encoded.Append(encoded ?? normal);
    }

    private void RenderOutput(OutputNode node, StringBuilder output)
    {
        var value = Eval(node.Value);
        var normal = Output(node, value);
        Append(output, normal, ReferenceEquals(output, JsonTarget) ? JsJson.Stringify(value) ?? "" : null);
    }

    private string Output(OutputNode node, object? value)
    {
        if (Js.IsNullish(value))
        {
            if (options.StrictUndefined)
                throw Fail(node, $"attempted to output null or undefined value: {node.Value.Text} is {Describe(value)}");
            return "";
        }
        return Js.ToStr(value);
    }

    private void RenderIf(IfNode node, StringBuilder output)
    {
        foreach (var (condition, body) in node.Branches)
        {
            if (Js.Truthy(Eval(condition))) { Render(body, output); return; }
        }
        if (node.Else is not null) Render(node.Else, output);
    }

    private void RenderFor(ForNode node, StringBuilder output)
    {
        var iterable = Eval(node.Iterable);
        var rows = new List<object?[]>();
        switch (iterable)
        {
            case JsArray array:
                foreach (var item in array)
                    rows.Add(node.Names.Count == 1 ? [item] : node.Names.Select((_, i) => JsOperators.Member(item, i)).ToArray());
                break;
            case JsObject obj when node.Names.Count > 1:
                foreach (var (key, value) in JsKeys.Ordered(obj)) rows.Add([key, value]);
                break;
            case string s:
                foreach (var ch in s) rows.Add([ch.ToString()]);
                break;
        }
        if (rows.Count == 0)
        {
            if (node.Else is not null) Render(node.Else, output);
            return;
        }
        var outer = scope;
        scope = new Scope(outer);
        try
        {
            for (var i = 0; i < rows.Count; i++)
            {
                for (var n = 0; n < node.Names.Count; n++) scope.Define(node.Names[n], n < rows[i].Length ? rows[i][n] : Js.Undefined);
                scope.Define("loop", LoopObject(i, rows.Count));
                Render(node.Body, output);
            }
        }
        finally { scope = outer; }
    }

    private static JsObject LoopObject(int i, int length) => new()
    {
        ["index"] = (double)(i + 1),
        ["index0"] = (double)i,
        ["revindex"] = (double)(length - i),
        ["revindex0"] = (double)(length - i - 1),
        ["first"] = i == 0,
        ["last"] = i == length - 1,
        ["length"] = (double)length,
    };

    private void RenderSet(SetNode node)
    {
        object? value;
        if (node.Value is not null) value = Eval(node.Value);
        else
        {
            var body = new StringBuilder();
            Render(node.Body!, body);
            value = body.ToString();
        }
        foreach (var name in node.Names) scope.Assign(name, value);
    }

    private void RenderFilterBlock(FilterBlockNode node, StringBuilder output)
    {
        var body = new StringBuilder();
        Render(node.Body, body);
        var filter = node.Filter with { Target = new LiteralExpr(body.ToString(), "", node.Line, node.Column) };
        var value = Eval(filter);
        Append(output, Js.IsNullish(value) ? "" : Js.ToStr(value));
    }

    private object? Lookup(string name)
    {
        if (scope.TryGet(name, out var value)) return value;
        if (context.TryGetValue(name, out value)) return value;
        if (globals.TryGetValue(name, out value)) return value;
        return JinjaCompat && Expressions.JinjaCompat.TryName(name, out value) ? value : Js.Undefined;
    }

    private TemplateRenderException Fail(Expr at, string message) => new(sourceName, at.Line, at.Column, message);

    private TemplateRenderException Fail(Node at, string message) => new(sourceName, at.Line, at.Column, message);

    private static string Describe(object? value) => value is null ? "null" : "undefined";
}
