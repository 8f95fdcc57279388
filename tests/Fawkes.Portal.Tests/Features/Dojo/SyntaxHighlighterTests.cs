using System.Net;
using System.Text.RegularExpressions;
using Fawkes.Portal.App.Shared.Code;

namespace Fawkes.Portal.Tests.Features.Dojo;

public sealed partial class SyntaxHighlighterTests
{
    [Theory]
    [InlineData("url: \"https://example.com/a?b=1&c=2\" # where", "yaml")]
    [InlineData("{\"servers\": [{\"url\": \"https://api.example.com/v1\"}]}", "json")]
    [InlineData("echo \"it's <fine>\" # done", "bash")]
    [InlineData("type Query { name: String } # \"quoted\"", "graphql")]
    public void ToHtml_TextComesBackExactlyAsWritten(string code, string language)
    {
        var html = SyntaxHighlighter.ToHtml(code, language);

        Assert.Equal(code, WebUtility.HtmlDecode(Tags().Replace(html, "")));
        Assert.DoesNotContain("<fine>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_Yaml_MarksKeysStringsAndComments()
    {
        var html = SyntaxHighlighter.ToHtml("url: \"https://x.io/#a\" # note", "yml");

        Assert.Contains("<span class=\"hl-key\">url</span>", html, StringComparison.Ordinal);
        Assert.Contains("hl-string", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"hl-comment\"># note</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void LanguageOfDefinition_JsonOpenApiIsHighlightedAsJson() =>
        Assert.Equal("json", SyntaxHighlighter.LanguageOfDefinition("openapi", "  {\"openapi\": \"3.0.0\"}"));

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
