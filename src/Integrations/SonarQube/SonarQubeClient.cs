using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Integrations.SonarQube;

/// <summary>A SonarQube Web API error answer, with the first of its <c>errors[].msg</c> (safe to show: SonarQube's own words).</summary>
public sealed class SonarQubeApiException(HttpStatusCode statusCode, string path, string? detail)
    : HttpRequestException($"GET {path} answered {(int)statusCode} {statusCode}{(detail is null ? "" : ": " + detail)}.", null, statusCode)
{
    public string? Detail { get; } = detail;
}

/// <summary>SonarQube's Web API: quality gate status, measures, and the token check behind the health board.</summary>
public sealed class SonarQubeClient
{
    /// <summary>The measures the panel shows, in SonarQube's metric keys.</summary>
    public const string MetricKeys = "bugs,vulnerabilities,code_smells,coverage,duplicated_lines_density";

    /// <summary><c>GET /api/qualitygates/project_status?projectKey=</c>: the gate's status and each condition.</summary>
    public Task<JsonObject> GetProjectStatusAsync(SonarQubeInstance instance, string projectKey, CancellationToken ct) =>
        GetAsync(instance, "api/qualitygates/project_status", "projectKey=" + Uri.EscapeDataString(projectKey), ct);

    /// <summary><c>GET /api/measures/component?component=&amp;metricKeys=</c>: the project's key measures.</summary>
    public Task<JsonObject> GetMeasuresAsync(SonarQubeInstance instance, string projectKey, CancellationToken ct) =>
        GetAsync(instance, "api/measures/component", $"component={Uri.EscapeDataString(projectKey)}&metricKeys={Uri.EscapeDataString(MetricKeys)}", ct);

    /// <summary><c>GET /api/authentication/validate</c>: <c>{"valid":true}</c> only with a token SonarQube accepts.</summary>
    public async Task<bool> ValidateAsync(SonarQubeInstance instance, CancellationToken ct) =>
        (await GetAsync(instance, "api/authentication/validate", null, ct))["valid"] is JsonValue v && v.TryGetValue<bool>(out var valid) && valid;

    private static async Task<JsonObject> GetAsync(SonarQubeInstance instance, string path, string? query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instance);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(instance.Url, query is null ? path : path + "?" + query));
        instance.Authorize(request);
        using var response = await instance.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var shown = "/" + path;
        if (!response.IsSuccessStatusCode)
        {
            throw new SonarQubeApiException(response.StatusCode, shown, await ErrorDetailAsync(response, ct));
        }
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            return await JsonNode.ParseAsync(body, cancellationToken: ct) as JsonObject
                ?? throw new HttpRequestException($"GET {shown} answered JSON that is not an object.");
        }
        catch (JsonException ex)
        {
            throw new HttpRequestException($"GET {shown} answered malformed JSON: {ex.Message}", ex);
        }
    }

    /// <summary>SonarQube answers errors as <c>{"errors":[{"msg":"…"}]}</c>; anything else (an HTML proxy page) is left out.</summary>
    private static async Task<string?> ErrorDetailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            var message = (JsonNode.Parse(text)?["errors"] as JsonArray)?.OfType<JsonObject>().Select(e => e["msg"]).FirstOrDefault();
            return message is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? (s.Length > 300 ? s[..300] + "…" : s) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
