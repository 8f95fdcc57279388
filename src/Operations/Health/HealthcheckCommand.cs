namespace Fawkes.Portal.Operations.Health;

/// <summary>
/// <c>dotnet Fawkes.Portal.dll healthcheck</c>: probes this container's own <c>/healthz</c>.
/// The runtime image has no curl, so Docker's HEALTHCHECK uses the app itself.
/// </summary>
internal static class HealthcheckCommand
{
    public static async Task<int> RunAsync()
    {
        var port = (Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS") ?? "8080").Split(';', ',')[0];
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (HttpRequestException)
        {
            return 1;
        }
        catch (TaskCanceledException)
        {
            return 1;
        }
    }
}
