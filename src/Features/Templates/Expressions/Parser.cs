namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>Template structure: data, outputs and the statement tags Backstage skeletons use.</summary>
internal sealed partial class Parser(List<Token> tokens, string sourceName)
{
    private static readonly HashSet<string> KnownUnsupportedTags =
        ["macro", "endmacro", "call", "endcall", "import", "from", "include", "extends", "block", "endblock",
         "asyncEach", "asyncAll", "ifAsync", "switch", "case", "default", "endswitch"];

    private int index;

    private Token Current => tokens[index];

    public List<Node> ParseTemplate()
    {
        var nodes = ParseNodes(out var stop);
        if (stop is not null) throw Error(stop, $"unexpected block tag '{stop.Text}'");
        return nodes;
    }

    /// <summary>Nodes until end of input or an unknown-to-us closing tag, whose name token is returned in <paramref name="stop"/>.</summary>
    private List<Node> ParseNodes(out Token? stop, params string[] stopTags)
    {
        var nodes = new List<Node>();
        stop = null;
        while (Current.Kind != TokenKind.End)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Data:
                    nodes.Add(new TextNode(token.Text, token.Line, token.Column));
                    index++;
                    break;
                case TokenKind.VariableStart:
                    index++;
                    var expr = ParseTopExpression();
                    Expect(TokenKind.VariableEnd, "end of variable");
                    nodes.Add(new OutputNode(expr, token.Line, token.Column));
                    break;
                case TokenKind.BlockStart:
                    var name = tokens[index + 1];
                    if (name.Kind == TokenKind.Name && stopTags.Contains(name.Text))
                    {
                        index += 2;
                        stop = name;
                        return nodes;
                    }
                    index++;
                    nodes.Add(ParseStatement(token));
                    break;
                default:
                    throw Error(token, $"unexpected token '{token.Text}'");
            }
        }
        return nodes;
    }

    private Node ParseStatement(Token start)
    {
        var tag = Current;
        if (tag.Kind != TokenKind.Name) throw Error(tag, "tag name expected");
        index++;
        return tag.Text switch
        {
            "if" => ParseIf(start),
            "for" => ParseFor(start),
            "set" => ParseSet(start),
            "filter" => ParseFilterBlock(start),
            _ when KnownUnsupportedTags.Contains(tag.Text) =>
                throw Error(tag, $"the '{tag.Text}' tag is not supported in Backstage templates here"),
            _ => throw Error(tag, $"unknown block tag: {tag.Text}"),
        };
    }

    private IfNode ParseIf(Token start)
    {
        var branches = new List<(Expr, IReadOnlyList<Node>)>();
        IReadOnlyList<Node>? elseBody = null;
        var condition = ParseTopExpression();
        while (true)
        {
            ExpectBlockEnd();
            var body = ParseNodes(out var stop, "elif", "elseif", "else", "endif");
            if (stop is null) throw Error(start, "expected elif, else, or endif, got end of file");
            branches.Add((condition, body));
            if (stop.Text == "endif") break;
            if (stop.Text == "else")
            {
                ExpectBlockEnd();
                elseBody = ParseNodes(out var end, "endif");
                if (end is null) throw Error(start, "expected endif, got end of file");
                break;
            }
            condition = ParseTopExpression();
        }
        ExpectBlockEnd();
        return new IfNode(branches, elseBody, start.Line, start.Column);
    }

    private ForNode ParseFor(Token start)
    {
        var names = ParseNames();
        if (!SkipName("in")) throw Error(Current, "expected \"in\" keyword for loop");
        var iterable = ParseTopExpression();
        ExpectBlockEnd();
        var body = ParseNodes(out var stop, "else", "endfor");
        if (stop is null) throw Error(start, "expected endfor, got end of file");
        IReadOnlyList<Node>? elseBody = null;
        if (stop.Text == "else")
        {
            ExpectBlockEnd();
            elseBody = ParseNodes(out var end, "endfor");
            if (end is null) throw Error(start, "expected endfor, got end of file");
        }
        ExpectBlockEnd();
        return new ForNode(names, iterable, body, elseBody, start.Line, start.Column);
    }

    private SetNode ParseSet(Token start)
    {
        var names = ParseNames();
        if (SkipOp("="))
        {
            var value = ParseTopExpression();
            ExpectBlockEnd();
            return new SetNode(names, value, null, start.Line, start.Column);
        }
        ExpectBlockEnd();
        var body = ParseNodes(out var stop, "endset");
        if (stop is null) throw Error(start, "expected endset, got end of file");
        ExpectBlockEnd();
        return new SetNode(names, null, body, start.Line, start.Column);
    }

    private FilterBlockNode ParseFilterBlock(Token start)
    {
        var name = Current;
        if (name.Kind != TokenKind.Name) throw Error(name, "filter name expected");
        index++;
        List<(string, Expr)> kwargs = [];
        var args = PeekOp("(") ? ParseArguments(out kwargs) : [];
        var filter = (FilterExpr)JsPrecedence.Regroup(new FilterExpr(name.Text, new LiteralExpr("", "", start.Line, start.Column), args, kwargs, name.Line, name.Column));
        ExpectBlockEnd();
        var body = ParseNodes(out var stop, "endfilter");
        if (stop is null) throw Error(start, "expected endfilter, got end of file");
        ExpectBlockEnd();
        return new FilterBlockNode(filter, body, start.Line, start.Column);
    }

    private List<string> ParseNames()
    {
        var names = new List<string>();
        do
        {
            if (Current.Kind != TokenKind.Name) throw Error(Current, "variable name expected");
            names.Add(Current.Text);
            index++;
        }
        while (SkipOp(","));
        return names;
    }

    private void ExpectBlockEnd() => Expect(TokenKind.BlockEnd, "end of block");

    private void Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
            throw Error(Current, Current.Kind == TokenKind.End ? $"expected {what}, got end of file" : $"expected {what}, got '{Current.Text}'");
        index++;
    }

    private bool SkipOp(string op)
    {
        if (Current.Kind != TokenKind.Op || Current.Text != op) return false;
        index++;
        return true;
    }

    private bool SkipName(string name)
    {
        if (Current.Kind != TokenKind.Name || Current.Text != name) return false;
        index++;
        return true;
    }

    private bool PeekOp(string op) => Current.Kind == TokenKind.Op && Current.Text == op;

    private TemplateSyntaxException Error(Token at, string message) => new(sourceName, at.Line, at.Column, message);
}
