namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>The delimiters of one Nunjucks environment, as Backstage's SecureTemplater configures its two.</summary>
public sealed record NunjucksSyntax(
    string VariableStart, string VariableEnd, string BlockStart, string BlockEnd, string CommentStart, string CommentEnd)
{
    /// <summary>Step inputs and fetch:template skeletons: <c>${{ }}</c>, so plain <c>{{ }}</c> (GitHub Actions, Helm) passes through.</summary>
    public static readonly NunjucksSyntax Backstage = new("${{", "}}", "{%", "%}", "{#", "#}");

    /// <summary>fetch:template with <c>cookiecutterCompat: true</c>: Nunjucks' default <c>{{ }}</c>.</summary>
    public static readonly NunjucksSyntax Cookiecutter = new("{{", "}}", "{%", "%}", "{#", "#}");
}

/// <summary>Per-render settings.</summary>
public sealed class RenderOptions
{
    /// <summary>
    /// Nunjucks' <c>throwOnUndefined</c>: outputting an undefined or null value is an error naming it. Backstage does
    /// not set it (step inputs and skeletons print undefined as empty); use it to lint templates.
    /// </summary>
    public bool StrictUndefined { get; init; }

    /// <summary>fetch:template's <c>trimBlocks</c>: the first newline after a block tag is removed.</summary>
    public bool TrimBlocks { get; init; }

    /// <summary>fetch:template's <c>lstripBlocks</c>: whitespace before a block tag on its line is removed.</summary>
    public bool LstripBlocks { get; init; }

    /// <summary>Extra filters (Backstage's additionalTemplateFilters): input and arguments as JSON, result as JSON.</summary>
    public IReadOnlyDictionary<string, Func<System.Text.Json.Nodes.JsonNode?, System.Text.Json.Nodes.JsonNode?[], System.Text.Json.Nodes.JsonNode?>>? Filters { get; init; }

    /// <summary>Extra globals (Backstage's additionalTemplateGlobals): values visible to every template.</summary>
    public System.Text.Json.Nodes.JsonObject? Globals { get; init; }
}
