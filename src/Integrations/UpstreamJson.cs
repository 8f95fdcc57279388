using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fawkes.Portal.Integrations;

/// <summary>Sends a GET and reads a JSON object, turning every way it can fail into an exception whose message is safe to show.</summary>
internal static class UpstreamJson
{
    /// <param name="shownPath">The path as shown in errors: never the full URL, which may carry credentials.</param>
    public static async Task<JsonObject> SendAsync(HttpClient client, HttpRequestMessage request, string shownPath, CancellationToken ct)
    {
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {shownPath} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            return await JsonNode.ParseAsync(body, cancellationToken: ct) as JsonObject
                ?? throw new HttpRequestException($"GET {shownPath} answered JSON that is not an object.");
        }
        catch (JsonException ex)
        {
            throw new HttpRequestException($"GET {shownPath} answered malformed JSON: {ex.Message}", ex);
        }
    }
}
