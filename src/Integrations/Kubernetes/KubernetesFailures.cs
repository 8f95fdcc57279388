using System.Text.Json;
using k8s.Autorest;

namespace Fawkes.Portal.Integrations.Kubernetes;

/// <summary>What a cluster's failure means, using the API server's own Status message where it sent one (never a secret).</summary>
internal static class KubernetesFailures
{
    public static UpstreamFailure Classify(Exception exception, string cluster, TimeSpan budget)
    {
        var what = $"Cluster '{cluster}'";
        if (exception is KubernetesConfigurationException)
        {
            return new UpstreamFailure(IntegrationStatus.NotConfigured, exception.Message);
        }
        if (exception is HttpOperationException { Response: { } response })
        {
            return UpstreamFailure.FromStatusCode(response.StatusCode, what, StatusMessage(response.Content));
        }
        return UpstreamFailure.FromException(exception, what, budget);
    }

    /// <summary>The <c>message</c> of a Kubernetes Status object (<c>pods is forbidden: User "…" cannot list …</c>), shortened.</summary>
    internal static string? StatusMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
            {
                var text = m.GetString()!;
                return text.Length > 300 ? text[..300] + "…" : text;
            }
        }
        catch (JsonException)
        {
            // Not a Status object (a proxy's HTML page): the status code alone says enough.
        }
        return null;
    }
}
