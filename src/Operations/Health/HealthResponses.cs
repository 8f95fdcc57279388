using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fawkes.Portal.Operations.Health;

internal static class HealthResponses
{
    /// <summary>A small JSON body, so a probe log says why a replica is not ready.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
