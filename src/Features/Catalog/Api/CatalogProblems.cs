namespace Fawkes.Portal.Features.Catalog.Api;

/// <summary>
/// Errors as <c>application/problem+json</c> that also carry Backstage's <c>error: {name, message}</c>,
/// so Backstage's catalog client understands them too.
/// </summary>
internal static class CatalogProblems
{
    public static IResult NotFound(string message) => Problem(404, "NotFoundError", message);

    public static IResult Input(string message) => Problem(400, "InputError", message);

    public static IResult Conflict(string message) => Problem(409, "ConflictError", message);

    public static IResult Problem(int status, string name, string message) =>
        Results.Problem(detail: message, statusCode: status, title: name,
            extensions: new Dictionary<string, object?> { ["error"] = new { name, message } });
}
