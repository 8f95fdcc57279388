namespace Fawkes.Portal.Identity;

/// <summary>Writes <c>application/problem+json</c> from places outside MVC/minimal-API results (auth handlers, limiter).</summary>
internal static class Problems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
