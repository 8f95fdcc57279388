using System.Text.Json.Nodes;

namespace Fawkes.Portal.Features.Catalog.Api;

/// <summary>
/// Errors of the catalog API in Backstage's shape (its backend's error middleware):
/// <c>{"error": {"name", "message"}, "request": {"method", "url"}, "response": {"statusCode"}}</c>, so that
/// <c>@backstage/catalog-client</c> and scripts written against Backstage read them unchanged.
/// </summary>
internal static class CatalogProblems
{
    public const string InputError = "InputError";
    public const string NotFoundError = "NotFoundError";
    public const string ConflictError = "ConflictError";

    public static IResult NotFound(string message) => new ErrorResult(404, NotFoundError, message);

    public static IResult Input(string message) => new ErrorResult(400, InputError, message);

    public static IResult Conflict(string message) => new ErrorResult(409, ConflictError, message);

    /// <summary>Backstage's error name for a status (its error middleware maps names to statuses the other way round).</summary>
    public static string NameFor(int status) => status switch
    {
        400 => InputError,
        401 => "AuthenticationError",
        403 => "NotAllowedError",
        404 => NotFoundError,
        409 => ConflictError,
        501 => "NotImplementedError",
        503 => "ServiceUnavailableError",
        _ => "Error",
    };

    /// <summary>The body; <paramref name="extra"/> adds fields inside <c>error</c> (the permission rule).</summary>
    public static JsonObject Body(HttpContext context, int status, string name, string message, IReadOnlyDictionary<string, string>? extra = null)
    {
        var error = new JsonObject { ["name"] = name, ["message"] = message };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            error[key] = value;
        }
        return new JsonObject
        {
            ["error"] = error,
            // Backstage's url is relative to the plugin's mount point (/api/catalog), query string included.
            ["request"] = new JsonObject { ["method"] = context.Request.Method, ["url"] = RelativeUrl(context.Request) },
            ["response"] = new JsonObject { ["statusCode"] = status },
        };
    }

    public static async Task WriteAsync(HttpContext context, int status, string name, string message, IReadOnlyDictionary<string, string>? extra = null)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(Body(context, status, name, message, extra), context.RequestAborted);
    }

    /// <summary>The scaffolder API (<c>/api/scaffolder</c>) is a Backstage API too and answers errors the same way.</summary>
    public const string ScaffolderApiPath = "/api/scaffolder";

    public static IResult Error(int status, string name, string message) => new ErrorResult(status, name, message);

    public static bool IsCatalogApi(HttpRequest request) =>
        request.Path.StartsWithSegments(CatalogExtensions.ApiPath) || request.Path.StartsWithSegments(ScaffolderApiPath);

    private static string RelativeUrl(HttpRequest request)
    {
        var path = request.Path.StartsWithSegments(CatalogExtensions.ApiPath, out var rest) || request.Path.StartsWithSegments(ScaffolderApiPath, out rest)
            ? rest.Value : request.Path.Value;
        return (string.IsNullOrEmpty(path) ? "/" : path) + request.QueryString.Value;
    }

    private sealed class ErrorResult(int status, string name, string message) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, status, name, message);
    }
}
