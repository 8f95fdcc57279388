using System.Net;
using System.Text;
using TextMateSharp.Grammars;
using TextMateSharp.Registry;

namespace Fawkes.Portal.App.Shared.Code;

/// <summary>
/// Server-side syntax highlighting with TextMate grammars (the ones VS Code ships, through TextMateSharp). Every token's
/// text is HTML-encoded and wrapped in a span with an <c>hl-*</c> class, so quotes, URLs and '#' inside strings come out
/// exactly as written. A language without a grammar is returned encoded, unhighlighted.
/// </summary>
public static class SyntaxHighlighter
{
    private static readonly Lock Gate = new();
    private static readonly RegistryOptions Options = new(ThemeName.LightPlus);
    private static readonly Registry Registry = new(Options);
    private static readonly Dictionary<string, IGrammar?> Grammars = new(StringComparer.OrdinalIgnoreCase);
    private static readonly TimeSpan LineBudget = TimeSpan.FromMilliseconds(200);

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["yml"] = "yaml", ["sh"] = "shellscript", ["bash"] = "shellscript", ["shell"] = "shellscript", ["console"] = "shellscript",
        ["js"] = "javascript", ["ts"] = "typescript", ["cs"] = "csharp", ["c#"] = "csharp", ["py"] = "python",
        ["docker"] = "dockerfile", ["ps1"] = "powershell", ["openapi"] = "yaml", ["asyncapi"] = "yaml", ["golang"] = "go",
        ["groovy"] = "groovy", ["jenkinsfile"] = "groovy", ["md"] = "markdown", ["jsonc"] = "jsonc",
    };

    // Most specific first: the first prefix that matches one of a token's scopes (innermost scope first) names its class.
    private static readonly (string Prefix, string Css)[] Classes =
    [
        ("comment", "hl-comment"), ("string", "hl-string"), ("constant.numeric", "hl-number"),
        ("constant.language", "hl-constant"), ("constant.character", "hl-constant"),
        ("entity.name.tag", "hl-key"), ("support.type.property-name", "hl-key"), ("meta.object-literal.key", "hl-key"),
        ("keyword", "hl-keyword"), ("storage", "hl-keyword"), ("entity.name.function", "hl-function"),
        ("support.function", "hl-function"), ("entity.name.type", "hl-type"), ("support.type", "hl-type"),
        ("support.class", "hl-type"), ("entity.name", "hl-type"), ("variable", "hl-variable"),
    ];

    /// <summary>HTML for the inside of a <c>&lt;code&gt;</c> element.</summary>
    public static string ToHtml(string code, string? language)
    {
        code ??= "";
        var grammar = Grammar(language);
        if (grammar is null)
        {
            return WebUtility.HtmlEncode(code);
        }
        var html = new StringBuilder(code.Length * 2);
        var lines = code.ReplaceLineEndings("\n").Split('\n');
        lock (Gate)
        {
            IStateStack? state = null;
            for (var n = 0; n < lines.Length; n++)
            {
                var line = lines[n];
                var result = grammar.TokenizeLine(line, state, LineBudget);
                state = result.RuleStack;
                // Grammars split one word into several tokens of the same kind; one span per run reads better.
                var run = new StringBuilder();
                string? runClass = null;
                foreach (var token in result.Tokens)
                {
                    var start = Math.Min(token.StartIndex, line.Length);
                    var end = Math.Min(token.EndIndex, line.Length);
                    var css = ClassOf(token.Scopes);
                    if (css != runClass)
                    {
                        Append(html, run.ToString(), runClass);
                        (run, runClass) = (new StringBuilder(), css);
                    }
                    run.Append(line.AsSpan(start, end - start));
                }
                Append(html, run.ToString(), runClass);
                if (n < lines.Length - 1)
                {
                    html.Append('\n');
                }
            }
        }
        return html.ToString();
    }

    /// <summary>The language of an API definition: JSON when it starts with '{', else the API type's own.</summary>
    public static string? LanguageOfDefinition(string? apiType, string definition) =>
        definition.TrimStart().StartsWith('{') ? "json" : apiType;

    public static bool Knows(string? language) => Grammar(language) is not null;

    private static void Append(StringBuilder html, string text, string? css)
    {
        if (text.Length == 0)
        {
            return;
        }
        if (css is null)
        {
            html.Append(WebUtility.HtmlEncode(text));
            return;
        }
        html.Append("<span class=\"").Append(css).Append("\">").Append(WebUtility.HtmlEncode(text)).Append("</span>");
    }

    private static string? ClassOf(IList<string> scopes)
    {
        for (var i = scopes.Count - 1; i >= 0; i--)
        {
            foreach (var (prefix, css) in Classes)
            {
                if (scopes[i].StartsWith(prefix, StringComparison.Ordinal))
                {
                    return css;
                }
            }
        }
        return null;
    }

    private static IGrammar? Grammar(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }
        var id = Aliases.GetValueOrDefault(language.Trim(), language.Trim().ToLowerInvariant());
        lock (Gate)
        {
            if (!Grammars.TryGetValue(id, out var grammar))
            {
                var scope = Options.GetScopeByLanguageId(id);
                grammar = scope is null ? null : Registry.LoadGrammar(scope);
                Grammars[id] = grammar;
            }
            return grammar;
        }
    }
}
