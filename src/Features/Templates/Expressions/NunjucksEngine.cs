using System.Text;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>
/// A Nunjucks-compatible renderer configured as Backstage's scaffolder configures nunjucks (SecureTemplater):
/// autoescape off, its delimiters, its filters. Pure and thread-safe: one instance may serve concurrent renders.
/// </summary>
public sealed class NunjucksEngine
{
    private readonly NunjucksSyntax syntax;
    private readonly Dictionary<string, FilterFunction> builtins;

    public NunjucksEngine(NunjucksSyntax syntax)
    {
        this.syntax = syntax;
        builtins = Filters.Create();
        if (syntax == NunjucksSyntax.Cookiecutter)
        {
            // SecureTemplater's compat environment: jsonify = dump, and none of the scaffolder filters.
            builtins["jsonify"] = builtins["dump"];
        }
        else BackstageFilters.AddTo(builtins, BackstageFilters.DefaultIntegrations);
    }

    /// <summary>Renders <paramref name="template"/>; errors name <paramref name="sourceName"/> (template file, skeleton path or field).</summary>
    /// <exception cref="TemplateSyntaxException">The template cannot be parsed or uses an unsupported construct.</exception>
    /// <exception cref="TemplateRenderException">Rendering failed (a failing filter, an undefined value under StrictUndefined...).</exception>
    public string Render(string template, JsonObject context, string sourceName, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(context);
        options ??= new RenderOptions();
        var nodes = Parse(template, sourceName, options);
        var evaluator = new Evaluator((JsObject)Js.FromJson(context)!, FiltersFor(options), Globals(options), options, sourceName)
        {
            JinjaCompat = syntax == NunjucksSyntax.Cookiecutter,
        };
        var output = new StringBuilder(template.Length);
        evaluator.Render(nodes, output);
        return output.ToString();
    }

    /// <summary>Renders against a context already converted, so a step's many strings share one conversion.</summary>
    internal string RenderPrepared(string template, JsObject context, string sourceName)
    {
        var options = new RenderOptions();
        var nodes = Parse(template, sourceName, options);
        var output = new StringBuilder(template.Length);
        new Evaluator(context, builtins, Globals(options), options, sourceName).Render(nodes, output);
        return output.ToString();
    }

    /// <summary>Parses without rendering: the template's syntax errors, for validation before a run.</summary>
    public void Validate(string template, string sourceName, RenderOptions? options = null) =>
        Parse(template, sourceName, options ?? new RenderOptions());

    internal List<Node> Parse(string template, string sourceName, RenderOptions options)
    {
        var tokens = new Lexer(template, syntax, sourceName, options).Tokenize();
        return new Parser(tokens, sourceName, jinjaCompat: syntax == NunjucksSyntax.Cookiecutter).ParseTemplate();
    }

    private IReadOnlyDictionary<string, FilterFunction> FiltersFor(RenderOptions options)
    {
        if (options.Filters is null || options.Filters.Count == 0) return builtins;
        var merged = new Dictionary<string, FilterFunction>(builtins, StringComparer.Ordinal);
        foreach (var (name, filter) in options.Filters)
        {
            merged[name] = call =>
            {
                JsonNode? result;
                try { result = filter(Js.ToJson(call.Input), call.Args.Select(Js.ToJson).ToArray()); }
                catch (Exception e) when (e is not OutOfMemoryException) { throw new JsError(e.Message); }
                return BackstageFilters.ThroughJson(Js.FromJson(result));
            };
        }
        return merged;
    }

    private static JsObject Globals(RenderOptions options)
    {
        var globals = new JsObject { ["range"] = new JsFunction("range", Range) };
        if (options.Globals is not null)
            foreach (var (name, value) in options.Globals) globals[name] = Js.FromJson(value);
        return globals;
    }

    /// <summary>nunjucks' range(start, stop, step) global.</summary>
    private static object? Range(IReadOnlyList<object?> args)
    {
        double start = 0, stop, step = 1;
        if (args.Count == 1) stop = Js.ToNumber(args[0]);
        else
        {
            start = Js.ToNumber(args.ElementAtOrDefault(0));
            stop = Js.ToNumber(args.ElementAtOrDefault(1));
            if (args.Count > 2) step = Js.ToNumber(args[2]);
        }
        var result = new JsArray();
        if (step > 0) for (var i = start; i < stop && result.Count < 100_000; i += step) result.Add(i);
        else if (step < 0) for (var i = start; i > stop && result.Count < 100_000; i += step) result.Add(i);
        return result;
    }
}
