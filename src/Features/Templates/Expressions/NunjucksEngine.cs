using System.Text;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>
/// A Nunjucks-compatible renderer that answers as nunjitsu 0.7.0 configured as Backstage's scaffolder-backend 4.3.0
/// configures it (createTemplateRenderer with allowRegexExecution and the default filters): no escaping, its delimiters. Pure and thread-safe: one instance may serve concurrent renders.
/// </summary>
public sealed class NunjucksEngine
{
    private readonly NunjucksSyntax syntax;
    private readonly Dictionary<string, FilterFunction> builtins;

    public NunjucksEngine(NunjucksSyntax syntax)
    {
        this.syntax = syntax;
        builtins = Filters.Create();
        // fetch:template hands nunjitsu the scaffolder filters in cookiecutter mode too; jsonify = dump there.
        if (syntax == NunjucksSyntax.Cookiecutter) builtins["jsonify"] = builtins["dump"];
        BackstageFilters.AddTo(builtins, BackstageFilters.DefaultIntegrations);
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

    /// <summary>
    /// Renders parsed nodes against a context already converted (a step's many strings share one conversion); with
    /// <paramref name="json"/>, also the JSON-encoded output of nunjitsu's renderValue coercion 'json'.
    /// </summary>
    internal (string Normal, string Encoded) RenderValue(List<Node> nodes, JsObject context, string sourceName, bool json)
    {
        var options = new RenderOptions();
        var output = new StringBuilder();
        var evaluator = new Evaluator(context, builtins, StepGlobals(Globals(options)), options, sourceName) { JsonTarget = json ? output : null };
        evaluator.Render(nodes, output);
        return (output.ToString(), evaluator.Encoded.ToString());
    }

    /// <summary>The workflow runner's globals: always() and failure() for step conditions (no step has failed while one renders).</summary>
    private static JsObject StepGlobals(JsObject globals)
    {
        globals["always"] = new JsFunction("always", _ => true);
        globals["failure"] = new JsFunction("failure", _ => false);
        return globals;
    }

    /// <summary>Parses without rendering: the template's syntax errors, for validation before a run.</summary>
    public void Validate(string template, string sourceName, RenderOptions? options = null) =>
        Parse(template, sourceName, options ?? new RenderOptions());

    internal List<Node> Parse(string template, string sourceName, RenderOptions options)
    {
        var tokens = new Lexer(template, syntax, sourceName, options).Tokenize();
        return new Parser(tokens, sourceName).ParseTemplate();
    }

    private IReadOnlyDictionary<string, FilterFunction> FiltersFor(RenderOptions options)
    {
        if (options.Filters is null || options.Filters.Count == 0) return builtins;
        var merged = new Dictionary<string, FilterFunction>(builtins, StringComparer.Ordinal);
        foreach (var (name, filter) in options.Filters)
        {
            merged[name] = BackstageFilters.Capability(name, call =>
            {
                JsonNode? result;
                try { result = filter(Js.ToJson(call.Input), call.Args.Select(Js.ToJson).ToArray()); }
                catch (Exception e) when (e is not OutOfMemoryException) { throw new JsError(e.Message); }
                return BackstageFilters.ThroughJson(Js.FromJson(result));
            });
        }
        return merged;
    }

    private static JsObject Globals(RenderOptions options)
    {
        var globals = new JsObject
        {
            ["range"] = new JsFunction("range", Range),
            ["cycler"] = new JsFunction("cycler", Cycler),
            ["joiner"] = new JsFunction("joiner", Joiner),
        };
        if (options.Globals is not null)
            foreach (var (name, value) in options.Globals) globals[name] = Js.FromJson(value);
        return globals;
    }

    /// <summary>cycler(...items): next() walks the items round, current is the last one given, reset() starts over.</summary>
    private static JsObject Cycler(IReadOnlyList<object?> items)
    {
        var cycler = new JsObject { ["current"] = null };
        var index = -1;
        cycler["next"] = new JsFunction("next", _ =>
        {
            if (items.Count == 0) return Js.Undefined;
            index = (index + 1) % items.Count;
            return cycler["current"] = items[index];
        });
        cycler["reset"] = new JsFunction("reset", _ => { index = -1; cycler["current"] = null; return Js.Undefined; });
        return cycler;
    }

    /// <summary>joiner(separator = ","): a function giving "" the first time, then the separator.</summary>
    private static JsFunction Joiner(IReadOnlyList<object?> args)
    {
        var separator = args.Count > 0 && args[0] is not JsUndefined ? Js.ToStr(args[0]) : ",";
        var first = true;
        return new JsFunction("joiner", _ => { if (!first) return separator; first = false; return ""; });
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
