namespace Fawkes.Portal.Features.Templates.Expressions;

/// <summary>The tests of nunjucks' tests.js, for <c>x is name</c> and select/reject.</summary>
internal static class NunjucksTests
{
    public static bool TryRun(string name, object? value, object? arg, out bool result)
    {
        bool? outcome = name switch
        {
            "defined" => value is not JsUndefined,
            "undefined" => value is JsUndefined,
            "none" or "null" => value is null,
            "callable" => value is JsFunction,
            "number" => value is double,
            "string" => value is string,
            "truthy" => Js.Truthy(value),
            "falsy" => !Js.Truthy(value),
            "odd" => Js.ToNumber(value) % 2 == 1,
            "even" => Js.ToNumber(value) % 2 == 0,
            "divisibleby" => Js.ToNumber(value) % Js.ToNumber(arg) == 0,
            "equalto" or "eq" or "sameas" => JsOperators.StrictEquals(value, arg),
            "ne" => !JsOperators.StrictEquals(value, arg),
            "ge" => JsOperators.Compare(">=", value, arg),
            "gt" or "greaterthan" => JsOperators.Compare(">", value, arg),
            "le" => JsOperators.Compare("<=", value, arg),
            "lt" or "lessthan" => JsOperators.Compare("<", value, arg),
            "lower" => RequireString(value, "toLowerCase") is var s && s.ToLowerInvariant() == s,
            "upper" => RequireString(value, "toUpperCase") is var u && u.ToUpperInvariant() == u,
            "escaped" => false,
            "iterable" => value is JsArray or string,
            "mapping" => value is JsObject,
            _ => null,
        };
        result = outcome ?? false;
        return outcome.HasValue;
    }

    private static string RequireString(object? value, string method) => value switch
    {
        string s => s,
        null or JsUndefined => throw new JsError($"Cannot read properties of {Js.ToStr(value)} (reading '{method}')"),
        _ => throw new JsError($"value.{method} is not a function"),
    };
}
