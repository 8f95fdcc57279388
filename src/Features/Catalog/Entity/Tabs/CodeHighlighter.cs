using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace Fawkes.Portal.Features.Catalog.Entity.Tabs;

/// <summary>Minimal, safe syntax highlighting for definitions: text is HTML-encoded first, then tokens are wrapped.</summary>
public static partial class CodeHighlighter
{
    public static MarkupString Highlight(string code, string? language)
    {
        var encoded = WebUtility.HtmlEncode(code ?? "");
        var highlighted = (language ?? "").ToLowerInvariant() switch
        {
            "graphql" => Keywords(GraphQlKeywords(), Comments(encoded)),
            "grpc" or "proto" => Keywords(ProtoKeywords(), Comments(encoded)),
            _ => YamlKeys().Replace(Comments(encoded), "$1<span class=\"hl-key\">$2</span>:"),
        };
        return new MarkupString(highlighted);
    }

    private static string Comments(string code) => CommentLine().Replace(code, "<span class=\"hl-comment\">$0</span>");

    private static string Keywords(Regex keywords, string code) => keywords.Replace(code, "<span class=\"hl-keyword\">$0</span>");

    [GeneratedRegex(@"(?m)(^\s*-?\s*)([A-Za-z0-9_$/.{}-]+):(?=\s|$)")]
    private static partial Regex YamlKeys();

    [GeneratedRegex(@"(?m)(#|//).*$")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"\b(type|query|mutation|subscription|input|enum|interface|union|scalar|schema|extend|implements|directive|fragment)\b")]
    private static partial Regex GraphQlKeywords();

    [GeneratedRegex(@"\b(syntax|package|import|option|service|rpc|returns|message|enum|repeated|optional|map|oneof|stream|reserved)\b")]
    private static partial Regex ProtoKeywords();
}
