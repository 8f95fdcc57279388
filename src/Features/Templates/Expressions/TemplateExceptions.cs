namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>A template error located in its source: file (or field), 1-based line and column.</summary>
public abstract class TemplateException(string sourceName, int line, int column, string detail)
    : Exception($"{sourceName} line {line}, column {column}: {detail}")
{
    public string SourceName { get; } = sourceName;
    public int Line { get; } = line;
    public int Column { get; } = column;

    /// <summary>The error without its location.</summary>
    public string Detail { get; } = detail;
}

/// <summary>The template cannot be parsed, or uses a construct this engine does not support.</summary>
public sealed class TemplateSyntaxException(string sourceName, int line, int column, string detail)
    : TemplateException(sourceName, line, column, detail);

/// <summary>The template parsed but failed while rendering (an undefined value where one is needed, a failing filter...).</summary>
public sealed class TemplateRenderException(string sourceName, int line, int column, string detail)
    : TemplateException(sourceName, line, column, detail);

/// <summary>Raised inside the evaluator without a location; the evaluator adds the expression's position.</summary>
internal sealed class JsError(string message) : Exception(message);
