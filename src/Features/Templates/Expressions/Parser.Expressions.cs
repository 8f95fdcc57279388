using System.Globalization;

namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>Expressions, with nunjucks' own precedence ladder (parser.js), filters binding tighter than binary operators.</summary>
internal sealed partial class Parser
{
    private static readonly string[] CompareOps = ["==", "===", "!=", "!==", "<", ">", "<=", ">="];

    /// <summary>A whole expression as nunjucks' compiled JavaScript evaluates it (see <see cref="JsPrecedence"/>).</summary>
    private Expr ParseTopExpression() => JsPrecedence.Regroup(ParseExpression());

    private Expr ParseExpression()
    {
        var body = ParseOr();
        if (!SkipName("if")) return body;
        var condition = ParseOr();
        var otherwise = SkipName("else") ? ParseOr() : null;
        return new InlineIfExpr(condition, body, otherwise, body.Line, body.Column);
    }

    private Expr ParseOr() => Binary(ParseAnd, "or", isName: true);

    private Expr ParseAnd() => Binary(ParseNot, "and", isName: true);

    private Expr ParseNot()
    {
        var token = Current;
        return SkipName("not") ? new UnaryExpr("not", ParseNot(), token.Line, token.Column) : ParseIn();
    }

    private Expr ParseIn()
    {
        var node = ParseIs();
        while (true)
        {
            var token = Current;
            if (token.Kind == TokenKind.Name && token.Text == "not" && tokens[index + 1] is { Kind: TokenKind.Name, Text: "in" })
            {
                index += 2;
                node = new UnaryExpr("not", new BinaryExpr("in", node, ParseIs(), token.Line, token.Column), token.Line, token.Column);
            }
            else if (SkipName("in")) node = new BinaryExpr("in", node, ParseIs(), token.Line, token.Column);
            else return node;
        }
    }

    private Expr ParseIs()
    {
        var node = ParseCompare();
        var token = Current;
        if (!SkipName("is")) return node;
        var negated = SkipName("not");
        var test = Current;
        string name;
        if (test.Kind == TokenKind.Name) name = test.Text;
        else throw Error(test, "test name expected after 'is'");
        index++;
        var args = new List<Expr>();
        if (PeekOp("(")) args.AddRange(ParseArguments(out _));
        else if (Current.Kind is TokenKind.Int or TokenKind.Float or TokenKind.String) args.Add(ParsePrimary());
        return new IsExpr(node, name, args, negated, token.Line, token.Column);
    }

    private Expr ParseCompare()
    {
        var first = ParseConcat();
        var rest = new List<(string, Expr)>();
        while (Current.Kind == TokenKind.Op && CompareOps.Contains(Current.Text))
        {
            var op = Current.Text;
            index++;
            rest.Add((op, ParseConcat()));
        }
        return rest.Count == 0 ? first : new CompareExpr(first, rest, first.Line, first.Column);
    }

    private Expr ParseConcat() => Binary(ParseAdd, "~");
    private Expr ParseAdd() => Binary(ParseSub, "+");
    private Expr ParseSub() => Binary(ParseMul, "-");
    private Expr ParseMul() => Binary(ParseDiv, "*");
    private Expr ParseDiv() => Binary(ParseFloorDiv, "/");
    private Expr ParseFloorDiv() => Binary(ParseMod, "//");
    private Expr ParseMod() => Binary(ParsePow, "%");
    private Expr ParsePow() => Binary(() => ParseUnary(false), "**");

    private Expr Binary(Func<Expr> next, string op, bool isName = false)
    {
        var node = next();
        while (isName ? Current is { Kind: TokenKind.Name } t && t.Text == op : PeekOp(op))
        {
            var token = Current;
            index++;
            node = new BinaryExpr(op, node, next(), token.Line, token.Column);
        }
        return node;
    }

    private Expr ParseUnary(bool noFilters)
    {
        var token = Current;
        Expr node;
        if (SkipOp("-")) node = new UnaryExpr("-", ParseUnary(true), token.Line, token.Column);
        else if (SkipOp("+")) node = new UnaryExpr("+", ParseUnary(true), token.Line, token.Column);
        else node = ParsePrimary();
        return noFilters ? node : ParseFilters(node);
    }

    private Expr ParseFilters(Expr node)
    {
        while (SkipOp("|"))
        {
            var name = Current;
            if (name.Kind != TokenKind.Name) throw Error(name, "filter name expected after '|'");
            index++;
            var filterName = name.Text;
            while (PeekOp(".") && tokens[index + 1].Kind == TokenKind.Name)
            {
                filterName += "." + tokens[index + 1].Text;
                index += 2;
            }
            List<(string, Expr)> kwargs = [];
            var args = PeekOp("(") ? ParseArguments(out kwargs) : [];
            node = new FilterExpr(filterName, node, args, kwargs, name.Line, name.Column);
        }
        return node;
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        Expr node;
        switch (token.Kind)
        {
            case TokenKind.String:
                index++;
                node = new LiteralExpr(token.Text, $"\"{token.Text}\"", token.Line, token.Column);
                break;
            case TokenKind.Int or TokenKind.Float:
                index++;
                node = new LiteralExpr(double.Parse(token.Text, CultureInfo.InvariantCulture), token.Text, token.Line, token.Column);
                break;
            case TokenKind.Regex:
                index++;
                node = new RegexExpr(token.Text, token.Flags, token.Line, token.Column);
                break;
            case TokenKind.Name:
                index++;
                node = token.Text switch
                {
                    "true" => new LiteralExpr(true, "true", token.Line, token.Column),
                    "false" => new LiteralExpr(false, "false", token.Line, token.Column),
                    "none" or "null" => new LiteralExpr(null, token.Text, token.Line, token.Column),
                    _ => new SymbolExpr(token.Text, token.Line, token.Column),
                };
                break;
            case TokenKind.Op when token.Text is "(" or "[" or "{":
                node = ParseAggregate();
                break;
            default:
                throw Error(token, token.Kind == TokenKind.End ? "unexpected end of file" : $"unexpected token: {token.Text}");
        }
        return ParsePostfix(node);
    }

    private Expr ParsePostfix(Expr node)
    {
        while (true)
        {
            var token = Current;
            if (PeekOp("("))
            {
                var args = ParseArguments(out var kwargs);
                node = new CallExpr(node, args, kwargs, token.Line, token.Column);
            }
            else if (SkipOp("["))
            {
                // nunjitsu parses Jinja slices in both syntaxes.
                if (TryParseSlice(node) is { } slice) { node = slice; continue; }
                var key = ParseExpression();
                if (!SkipOp("]")) throw Error(Current, "expected ']'");
                node = new MemberExpr(node, key, false, node.Line, node.Column);
            }
            else if (SkipOp("."))
            {
                var name = Current;
                // nunjitsu takes any name here, keywords included ("values.none", "x.true"); "list.0" is a syntax error.
                if (name.Kind != TokenKind.Name)
                    throw Error(name, "expected name as lookup value, got " + name.Text);
                index++;
                node = new MemberExpr(node, new LiteralExpr(name.Text, name.Text, name.Line, name.Column), true, node.Line, node.Column);
            }
            else return node;
        }
    }

    /// <summary>After "[": a slice when a colon comes before "]", else null with the position unchanged.</summary>
    private SliceExpr? TryParseSlice(Expr target)
    {
        var start = index;
        var parts = new Expr?[3];
        var part = 0;
        var isSlice = false;
        while (!SkipOp("]"))
        {
            if (SkipOp(":")) { isSlice = true; if (++part > 2) throw Error(Current, "parseSlice: too many slice components"); continue; }
            if (Current.Kind == TokenKind.End) break;
            parts[part] = ParseExpression();
        }
        if (!isSlice) { index = start; return null; }
        return new SliceExpr(target, parts[0], parts[1], parts[2], target.Line, target.Column);
    }

    private Expr ParseAggregate()
    {
        var open = Current;
        index++;
        var close = open.Text switch { "(" => ")", "[" => "]", _ => "}" };
        var items = new List<Expr>();
        var pairs = new List<(Expr, Expr)>();
        while (!SkipOp(close))
        {
            if (items.Count + pairs.Count > 0 && !SkipOp(",")) throw Error(Current, $"expected comma after expression, got '{Current.Text}'");
            if (SkipOp(close)) break;
            var item = close == "}" ? ParsePrimary() : ParseExpression();
            if (close == "}")
            {
                if (!SkipOp(":")) throw Error(Current, "expected colon after dict key");
                var key = item is SymbolExpr s ? new LiteralExpr(s.Name, s.Name, s.Line, s.Column) : item;
                pairs.Add((key, ParseExpression()));
            }
            else items.Add(item);
        }
        return close switch
        {
            ")" => new GroupExpr(items, open.Line, open.Column),
            "}" => new ObjectExpr(pairs, open.Line, open.Column),
            _ => new ArrayExpr(items, open.Line, open.Column),
        };
    }

    private List<Expr> ParseArguments(out List<(string, Expr)> kwargs)
    {
        index++; // (
        var args = new List<Expr>();
        kwargs = [];
        while (!SkipOp(")"))
        {
            if (args.Count + kwargs.Count > 0 && !SkipOp(",")) throw Error(Current, $"expected comma after expression, got '{Current.Text}'");
            if (Current.Kind == TokenKind.Name && tokens[index + 1] is { Kind: TokenKind.Op, Text: "=" })
            {
                var name = Current.Text;
                index += 2;
                kwargs.Add((name, ParseExpression()));
            }
            else args.Add(ParseExpression());
        }
        return args;
    }
}
