using Microsoft.AspNetCore.Http.Features;

namespace Fawkes.Portal.Features.Catalog.Api;

/// <summary>
/// Turns every problem written under <c>/api/catalog</c> (refusals by the permission layer, authentication challenges,
/// rate limits, unhandled exceptions, empty error statuses) into Backstage's error body instead of problem+json.
/// An unknown route answers as Backstage's does: 404 with an empty body (a known route with another method too).
/// </summary>
internal sealed class BackstageErrorWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => CatalogProblems.IsCatalogApi(context.HttpContext.Request);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        if (status is 404 or 405 && context.Exception is null && http.GetEndpoint() is null or { DisplayName: "405 HTTP Method Not Supported" })
        {
            http.Response.StatusCode = 404;
            return;
        }
        var extra = new Dictionary<string, string>();
        if (context.ProblemDetails.Extensions.TryGetValue("rule", out var rule) && rule is string r)
        {
            extra["rule"] = r; // which permission rule refused: an intended extra, listed in compat/backstage/README.md
        }
        await CatalogProblems.WriteAsync(http, status, CatalogProblems.NameFor(status), Message(context, status), extra);
    }

    private static string Message(ProblemDetailsContext context, int status)
    {
        if (context.Exception is BadHttpRequestException bad)
        {
            return bad.Message;
        }
        if (context.Exception is not null || status >= 500)
        {
            // Like Backstage's internal error filter: no internals in the answer, an id to find them in the log.
            return $"An internal error occurred traceId={context.HttpContext.TraceIdentifier}";
        }
        return context.ProblemDetails.Detail ?? context.ProblemDetails.Title
            ?? context.HttpContext.Features.Get<IHttpResponseFeature>()?.ReasonPhrase ?? $"Request failed with status {status}";
    }
}
