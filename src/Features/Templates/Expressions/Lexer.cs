using System.Text.RegularExpressions;

namespace Fawkes.Portal.Features.Templates.Expressions;

internal enum TokenKind { Data, VariableStart, VariableEnd, BlockStart, BlockEnd, Name, String, Int, Float, Regex, Op, End }

internal sealed record Token(TokenKind Kind, string Text, int Line, int Column, string Flags = "");

/// <summary>
/// Splits a template into data and tag tokens the way nunjucks' lexer does, including whitespace control
/// (<c>{%-</c>, <c>-%}</c>, <c>${{-</c>, <c>{#- -#}</c>), trimBlocks/lstripBlocks and raw/verbatim blocks.
/// </summary>
internal sealed partial class Lexer(string source, NunjucksSyntax syntax, string sourceName, RenderOptions options)
{
    private const string Delimiters = "()[]{}%*-+~/#,:|.<>=!";
    private static readonly string[] Operators =
        ["===", "!==", "**", "//", "==", "!=", "<=", ">=", "(", ")", "[", "]", "{", "}", ",", ":", "|", ".", "~", "+", "-", "*", "/", "%", "<", ">", "=", "!"];

    private readonly List<Token> tokens = [];
    private readonly int[] lineStarts = LineStarts(source);
    private int pos;
    private bool trimNextData;

    public List<Token> Tokenize()
    {
        while (pos < source.Length)
        {
            var (start, kind) = NextTagStart(pos);
            var dataEnd = start < 0 ? source.Length : start;
            var stripLeft = start >= 0 && At(start + TagLength(kind), "-");
            EmitData(pos, dataEnd, stripLeft, kind == TokenKind.BlockStart);
            if (start < 0) break;
            pos = start;
            switch (kind)
            {
                case TokenKind.End: LexComment(); break;
                case TokenKind.BlockStart when TryLexRaw(): break;
                default: LexTag(kind); break;
            }
        }
        tokens.Add(Make(TokenKind.End, "", source.Length));
        return tokens;
    }

    private int TagLength(TokenKind kind) => kind switch
    {
        TokenKind.BlockStart => syntax.BlockStart.Length,
        TokenKind.VariableStart => syntax.VariableStart.Length,
        _ => syntax.CommentStart.Length,
    };

    /// <summary>The earliest block, variable or comment start (comments reported as End), or -1.</summary>
    private (int Index, TokenKind Kind) NextTagStart(int from)
    {
        var best = (-1, TokenKind.Data);
        Consider(syntax.BlockStart, TokenKind.BlockStart);
        Consider(syntax.VariableStart, TokenKind.VariableStart);
        Consider(syntax.CommentStart, TokenKind.End);
        var strayEnd = source.IndexOf(syntax.CommentEnd, from, StringComparison.Ordinal);
        if (strayEnd >= 0 && (best.Item1 < 0 || strayEnd < best.Item1))
            throw Error(strayEnd, "unexpected end of comment");
        return best;

        void Consider(string tag, TokenKind kind)
        {
            var i = source.IndexOf(tag, from, StringComparison.Ordinal);
            // At the same index the longer tag wins ("${{" over "{{"-less "{%"), as nunjucks tests block, variable, comment in order.
            if (i >= 0 && (best.Item1 < 0 || i < best.Item1)) best = (i, kind);
        }
    }

    private void EmitData(int start, int end, bool stripRight, bool beforeBlock)
    {
        var text = source[start..end];
        if (trimNextData) { text = text.TrimStart(); trimNextData = false; }
        if (stripRight) text = text.TrimEnd();
        else if (beforeBlock && options.LstripBlocks)
        {
            var lineStart = text.LastIndexOf('\n') + 1;
            if (text.Length > lineStart && string.IsNullOrWhiteSpace(text[lineStart..])) text = text[..lineStart];
        }
        if (text.Length > 0) tokens.Add(Make(TokenKind.Data, text, start));
    }

    private void LexComment()
    {
        var start = pos;
        var end = source.IndexOf(syntax.CommentEnd, pos + syntax.CommentStart.Length, StringComparison.Ordinal);
        if (end < 0) throw Error(start, "expected end of comment, got end of file");
        trimNextData = source[end - 1] == '-' && end - 1 >= start + syntax.CommentStart.Length;
        pos = end + syntax.CommentEnd.Length;
    }

    private void LexTag(TokenKind startKind)
    {
        var startText = startKind == TokenKind.BlockStart ? syntax.BlockStart : syntax.VariableStart;
        var endText = startKind == TokenKind.BlockStart ? syntax.BlockEnd : syntax.VariableEnd;
        tokens.Add(Make(startKind, startText, pos));
        pos += startText.Length;
        if (At(pos, "-")) pos++;
        while (true)
        {
            while (pos < source.Length && char.IsWhiteSpace(source[pos])) pos++;
            if (pos >= source.Length) throw Error(pos, $"expected {endText}, got end of file");
            if (At(pos, endText) || (At(pos, "-") && At(pos + 1, endText)))
            {
                trimNextData = source[pos] == '-';
                var endKind = startKind == TokenKind.BlockStart ? TokenKind.BlockEnd : TokenKind.VariableEnd;
                tokens.Add(Make(endKind, endText, pos));
                pos += endText.Length + (trimNextData ? 1 : 0);
                if (endKind == TokenKind.BlockEnd && options.TrimBlocks) SkipOneNewline();
                return;
            }
            tokens.Add(LexCodeToken());
        }
    }

    private void SkipOneNewline()
    {
        if (At(pos, "\r\n")) pos += 2;
        else if (At(pos, "\n")) pos++;
    }

    private Token LexCodeToken()
    {
        var start = pos;
        var c = source[pos];
        if (c is '"' or '\'') return Make(TokenKind.String, LexString(c), start);
        if (c == 'r' && At(pos + 1, "/")) return LexRegex();
        foreach (var op in Operators)
            if (At(pos, op)) { pos += op.Length; return Make(TokenKind.Op, op, start); }
        while (pos < source.Length && !char.IsWhiteSpace(source[pos]) && !Delimiters.Contains(source[pos])) pos++;
        var word = source[start..pos];
        if (word.Length == 0) throw Error(start, $"unexpected character '{c}'");
        if (word.All(char.IsAsciiDigit))
        {
            if (!At(pos, ".")) return Make(TokenKind.Int, word, start);
            pos++;
            var fracStart = pos;
            while (pos < source.Length && char.IsAsciiDigit(source[pos])) pos++;
            return Make(TokenKind.Float, word + "." + source[fracStart..pos], start);
        }
        // nunjitsu accepts only decimal digits: 1e21, 0x10 and 1_000 are errors (nunjucks took them for variable names).
        if (char.IsAsciiDigit(word[0])) throw Error(start, $"invalid numeric literal '{word}'");
        return Make(TokenKind.Name, word, start);
    }

    private string LexString(char quote)
    {
        var start = pos;
        pos++;
        var text = new System.Text.StringBuilder();
        while (pos < source.Length && source[pos] != quote)
        {
            if (source[pos] == '\\' && pos + 1 < source.Length)
            {
                pos++;
                text.Append(source[pos] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var other => other });
            }
            else text.Append(source[pos]);
            pos++;
        }
        if (pos >= source.Length) throw Error(start, "unterminated string");
        pos++;
        return text.ToString();
    }

    private Token LexRegex()
    {
        var start = pos;
        pos += 2;
        var body = new System.Text.StringBuilder();
        while (pos < source.Length && !(source[pos] == '/' && source[pos - 1] != '\\')) body.Append(source[pos++]);
        pos++;
        var flagsStart = pos;
        while (pos < source.Length && "gimy".Contains(source[pos])) pos++;
        return Make(TokenKind.Regex, body.ToString(), start, source[flagsStart..Math.Min(pos, source.Length)]);
    }

    /// <summary>{% raw %} / {% verbatim %}: everything up to the matching end tag is data, nesting counted as nunjucks does.</summary>
    private bool TryLexRaw()
    {
        var m = RawStart().Match(source, pos);
        if (!m.Success || m.Index != pos) return false;
        var tag = m.Groups[1].Value;
        var bodyStart = pos + m.Length;
        var nested = new Regex(@"\{%\s*(" + tag + "|end" + tag + @")\s*(?=%\})%\}");
        var depth = 1;
        var scan = bodyStart;
        while (depth > 0)
        {
            var next = nested.Match(source, scan);
            if (!next.Success) throw Error(pos, $"expected end{tag}, got end of file");
            depth += next.Groups[1].Value == tag ? 1 : -1;
            if (depth == 0)
            {
                if (next.Index > bodyStart) tokens.Add(Make(TokenKind.Data, source[bodyStart..next.Index], bodyStart));
                pos = next.Index + next.Length;
                trimNextData = false;
                return true;
            }
            scan = next.Index + next.Length;
        }
        return true;
    }

    [GeneratedRegex(@"\{%-?\s*(raw|verbatim)\s*-?%\}")]
    private static partial Regex RawStart();

    private bool At(int index, string text) => string.CompareOrdinal(source, index, text, 0, text.Length) == 0 && index + text.Length <= source.Length;

    private Token Make(TokenKind kind, string text, int index, string flags = "")
    {
        var (line, column) = Position(index);
        return new Token(kind, text, line, column, flags);
    }

    public (int Line, int Column) Position(int index)
    {
        var line = Array.BinarySearch(lineStarts, index);
        if (line < 0) line = ~line - 1;
        return (line + 1, index - lineStarts[line] + 1);
    }

    private TemplateSyntaxException Error(int index, string message)
    {
        var (line, column) = Position(index);
        return new TemplateSyntaxException(sourceName, line, column, message);
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++) if (text[i] == '\n') starts.Add(i + 1);
        return [.. starts];
    }
}
